// Paper cash per venue: the trader's starting cash (a setting, refused naming the field when bad),
// debited by paper fills, credited when the market settles, and the same after a restart — it is
// the paper ledger's cash flow on top of the setting, not a figure the engine forgets.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExecutionResult } from '../../../../src/shared/contract';
import { Engine } from '../../../../src/engine/engine';
import { createDispatcher } from '../../../../src/host/dispatch';
import { MemorySecretStore } from '../../../helpers/memorySecretStore';
import { tempDir } from '../../../helpers/tempDir';
import { K, P, crossOpportunity, marketInfo, pairScanner } from './rig';

describe('paper cash', () => {
  let dir: ReturnType<typeof tempDir>;
  let engine: Engine;
  let dispatch: ReturnType<typeof createDispatcher>;
  const call = async (command: string, payload: unknown = {}) => dispatch({ type: 'request', id: 1, command, payload }) as Promise<{ ok: boolean; result?: unknown; error?: { message: string; field?: string } }>;
  const start = async () => {
    engine = await Engine.create({ host: 'serve', dataDir: dir.path, secrets: new MemorySecretStore() });
    const scanner = pairScanner();
    engine.services.execution.setMarketSource({ markets: () => ({ scanner, marketInfo }), publish: () => undefined });
    dispatch = createDispatcher(engine, () => undefined);
    return scanner;
  };
  const cash = (venue: 'kalshi' | 'polymarket') => engine.services.execution.cash(venue)!.micros;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    engine?.dispose();
    dir.remove();
  });

  it('starts from the setting, is debited by fills, credited at settlement, and survives a restart', async () => {
    let scanner = await start();
    const bad = await call('setPaperBalances', { balances: { kalshi: '-5' } });
    expect(bad.ok).toBe(false);
    expect(bad.error?.message).toMatch(/balances\.kalshi/);
    expect((await call('setPaperBalances', { balances: { kalshi: '100', polymarket: '50.25' } })).ok).toBe(true);
    expect(cash('kalshi')).toBe(100_000_000);
    expect(cash('polymarket')).toBe(50_250_000);

    const r = (await call('execute', { opportunityId: crossOpportunity(scanner), size: 10 })).result as ExecutionResult;
    expect(r.status).toBe('filled');
    const ledger = engine.services.ledger;
    const spent = (venue: string) => ledger.basketPositions(r.executionId)!.legs.filter((l) => l.leg.venue === venue).reduce((t, l) => t + Math.round(l.state.buyCost.plus(l.state.fees).times(1e6).toNumber()), 0);
    expect(cash('kalshi')).toBe(100_000_000 - spent('kalshi'));
    expect(cash('polymarket')).toBe(50_250_000 - spent('polymarket'));

    // YES on Kalshi wins: its 10 contracts pay $10 into the Kalshi paper account; the NO leg pays nothing.
    engine.services.settlements.record({ venue: 'kalshi', market: K, result: 'yes', settledAt: 1, source: 'test' });
    engine.services.settlements.record({ venue: 'polymarket', market: P, result: 'yes', settledAt: 1, source: 'test' });
    expect(ledger.basketOutcome(r.executionId)!.outcome).toBe('as_expected');
    expect(cash('kalshi')).toBe(100_000_000 - spent('kalshi') + 10_000_000);
    expect(cash('polymarket')).toBe(50_250_000 - spent('polymarket'));

    const before = { k: cash('kalshi'), p: cash('polymarket') };
    engine.dispose();
    scanner = await start();
    expect({ k: cash('kalshi'), p: cash('polymarket') }).toEqual(before);
    void scanner;
  });

  it('refuses to execute with no cash on a venue, naming it', async () => {
    const scanner = await start();
    await call('setPaperBalances', { balances: { polymarket: '0' } });
    const r = (await call('execute', { opportunityId: crossOpportunity(scanner), size: 10 })).result as ExecutionResult;
    expect(r).toMatchObject({ status: 'refused', reason: expect.stringMatching(/^the paper Polymarket balance is \$0\.00; even \d+ contract\(s\) need/) });
  });
});
