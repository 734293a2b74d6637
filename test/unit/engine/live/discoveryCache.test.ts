// The discovery cache: a cache written when Kalshi's `multiplier` held the 0.07 coefficient
// (version 1) is not read with today's meaning (the venue's relative multiplier): 0.07 read as
// relative would price every Kalshi fee 14× too low until the first discovery.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscoveryCache } from '../../../../src/engine/live/discoveryCache';
import { kalshiMarket } from '../../../helpers/fakeVenue';
import { tempDir } from '../../../helpers/tempDir';

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('the discovery cache', () => {
  const now = Date.UTC(2031, 0, 1);

  it('keeps the Kalshi fee as published, waiver included, across a restart', () => {
    const dir = tempDir();
    dirs.push(dir);
    const m = kalshiMarket('KXFED-31DEC-H0', { fee: { venue: 'kalshi', feeType: 'quadratic', multiplier: '1', waiverUntil: now + 60_000 } });
    new DiscoveryCache(dir.path).put('kalshi', 'production', { markets: [m], exclusiveSets: [], implications: [] }, now);
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
});
