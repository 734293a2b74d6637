// The discovery cache: a cache written when Kalshi's `multiplier` held the 0.07 coefficient
// (version 1) is not read with today's meaning (the venue's relative multiplier): 0.07 read as
// relative would price every Kalshi fee 14× too low until the first discovery.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscoveryCache } from '../../../../src/engine/live/discoveryCache';
import { kalshiMarket } from '../../../helpers/fakeVenue';
import { tempDir } from '../../../helpers/tempDir';

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('the discovery cache', () => {
  const now = Date.UTC(2031, 0, 1);

  it('keeps the Kalshi fee as published, waiver included, across a restart', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const m = kalshiMarket('KXFED-31DEC-H0', { fee: { venue: 'kalshi', feeType: 'quadratic', multiplier: '1', waiverUntil: now + 60_000 } });
    await new DiscoveryCache(dir.path).put('kalshi', 'production', { markets: [m], exclusiveSets: [], implications: [] }, now);
    const back = new DiscoveryCache(dir.path).get('kalshi', 'production', now + 1);
    expect(back?.discovery.markets[0]!.fee).toEqual({ venue: 'kalshi', feeType: 'quadratic', multiplier: '1', waiverUntil: now + 60_000 });
  });

  it('ignores a version-1 cache (multiplier was the coefficient) without calling it corrupt', () => {
    const dir = tempDir();
    dirs.push(dir);
    const m = kalshiMarket('KXFED-31DEC-H0', { fee: { venue: 'kalshi', feeType: 'quadratic', multiplier: '0.07' } });
    const file = path.join(dir.path, 'discovery-cache.json');
    writeFileSync(file, JSON.stringify({ version: 1, entries: [{ venue: 'kalshi', environment: 'production', savedAt: now, discovery: { markets: [m], exclusiveSets: [], implications: [] } }] }));
    const cache = new DiscoveryCache(dir.path);
    expect(cache.loadProblem).toBeNull();
    expect(cache.get('kalshi', 'production', now + 1)).toBeNull();
    expect(existsSync(file)).toBe(true);
    expect(readdirSync(dir.path).filter((f) => f.includes('invalid'))).toEqual([]);
  });

  // A whole universe's list is tens of megabytes: serialising it at once held the engine's loop
  // (Electron's main loop: the window) for half a second.
  const universe = (n: number, tag: string) => ({
    markets: Array.from({ length: n }, (_, i) => kalshiMarket(`KX${tag}-${i}`, { rules: `Resolves YES if ${tag} ${i} happens. `.repeat(20) })),
    exclusiveSets: [],
    implications: [],
  });

  it('writes a large list a slice per turn of the event loop, and answers from memory meanwhile', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const cache = new DiscoveryCache(dir.path);
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const written = cache.put('kalshi', 'production', universe(6_000, 'A'), now);
    expect(cache.get('kalshi', 'production', now + 1)?.discovery.markets).toHaveLength(6_000);
    await written;
    counting = false;
    expect(statSync(path.join(dir.path, 'discovery-cache.json')).size).toBeGreaterThan(5_000_000);
    expect(turns).toBeGreaterThan(4);
    expect(new DiscoveryCache(dir.path).get('kalshi', 'production', now + 1)?.discovery.markets).toHaveLength(6_000);
  });

  it('a newer list put while one is being written is the one on disk; stopping writes it at once', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const cache = new DiscoveryCache(dir.path);
    void cache.put('kalshi', 'production', universe(3_000, 'A'), now);
    void cache.put('polymarket', 'production', universe(10, 'B'), now);
    const third = cache.put('kalshi', 'production', universe(2_000, 'C'), now);
    // Stopping mid-write: what was put is on disk before dispose returns.
    cache.dispose();
    const back = new DiscoveryCache(dir.path);
    expect(back.get('kalshi', 'production', now + 1)?.discovery.markets.map((m) => m.id)[0]).toBe('KXC-0');
    expect(back.get('polymarket', 'production', now + 1)?.discovery.markets).toHaveLength(10);
    await third;
    expect(readdirSync(dir.path).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
