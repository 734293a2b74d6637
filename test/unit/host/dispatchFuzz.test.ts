import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES, ERROR_CODES, type ResponseEnvelope } from '../../../src/shared/contract';
import { Engine } from '../../../src/engine/engine';
import { DEFAULT_LIMITS } from '../../../src/engine/settings/defaults';
import { createDispatcher } from '../../../src/host/dispatch';
import { MemorySecretStore } from '../../helpers/memorySecretStore';
import { tempDir } from '../../helpers/tempDir';

// Random and mutated contract messages: the dispatcher never throws, always answers with an
// envelope, gives a reason for every refusal, and an invalid message never changes engine state.
const VALID_PAYLOADS: Record<string, unknown> = {
  getState: {},
  execute: { opportunityId: 'opp-1', size: 5 },
  analyze: { opportunityId: 'opp-1', targetSize: 5 },
  unwindBasket: { basketId: 'basket-1' },
  getOpportunities: { strategy: 'cross_venue', minProfit: '0.05', limit: 10 },
  getPositions: {},
  getBreaker: {},
  getMetrics: {},
  setLimits: { limits: DEFAULT_LIMITS },
  setSecret: { name: 'kalshi.keyId', value: '8c35a1e2-1111-4222-8333-444455556666' },
  clearSecret: { name: 'kalshi.keyId' },
  isSecretSet: { name: 'kalshi.keyId' },
  setMode: { mode: 'paper' },
  confirmLink: { linkId: 'l1' },
  rejectLink: { linkId: 'l1' },
  watchMarket: { market: 'kalshi:ABC' },
  unwatchMarket: { market: 'kalshi:ABC' },
  getActivity: { limit: 10 },
  setWatchlist: { watchlist: { categories: ['Crypto'], series: ['kalshi:KXBTCD'] } },
  setVenueEnvironment: { venue: 'kalshi', environment: 'simulator' },
  setTraderJurisdiction: { traderJurisdiction: 'us' },
};

/** Replaces one value somewhere inside `value` (or the value itself) with `replacement`. */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return replacement;
  const [k, v] = entries[path[0]! % entries.length]!;
  const copy: Record<string, unknown> = Array.isArray(value) ? [...(value as unknown[])] as never : { ...(value as Record<string, unknown>) };
  copy[k] = mutate(v, path.slice(1), replacement);
  return copy;
}

const strangeValue = fc.oneof(
  fc.anything(),
  fc.constantFrom(null, undefined, NaN, -1, 0, 1e300, '', ' ', '-0.01', '1e5', '__proto__', 'constructor', [], {}, { __proto__: { polluted: true } }),
  fc.string({ maxLength: 20000 }),
);

describe('contract dispatcher under fuzzing', () => {
  const dir = tempDir();
  let engine: Engine;
  let dispatch: ReturnType<typeof createDispatcher>;
  beforeAll(async () => {
    engine = await Engine.create({ host: 'serve', dataDir: dir.path, secrets: new MemorySecretStore() });
    dispatch = createDispatcher(engine, () => undefined);
  });
  afterAll(() => {
    engine.dispose();
    dir.remove();
  });

  const stateFingerprint = () => {
    const s = engine.snapshot();
    return JSON.stringify([s.mode, s.limits, s.breaker, s.secrets, s.links, s.opportunities, s.positions]);
  };
  const assertWellFormed = (r: ResponseEnvelope) => {
    expect(r.type).toBe('response');
    if (!r.ok) {
      expect(ERROR_CODES).toContain(r.error.code);
      expect(r.error.message.length).toBeGreaterThan(5);
    }
  };

  it('answers arbitrary values with an error envelope and changes nothing', async () => {
    const before = stateFingerprint();
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (raw) => {
        const r = await dispatch(raw);
        assertWellFormed(r);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
    expect(stateFingerprint()).toBe(before);
  });

  it('answers mutated valid requests without throwing; refusals change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...COMMAND_NAMES.filter((c) => c !== 'setSecret' && c !== 'clearSecret')),
        fc.array(fc.nat(), { maxLength: 4 }),
        strangeValue,
        async (command, path, replacement) => {
          const before = stateFingerprint();
          const payload = mutate(VALID_PAYLOADS[command], path, replacement);
          const r = await dispatch({ type: 'request', id: 1, command, payload });
          assertWellFormed(r);
          if (!r.ok && r.error.code.startsWith('invalid')) {
            expect(r.error.field).toMatch(/^payload/);
            expect(stateFingerprint()).toBe(before);
          }
        },
      ),
      { numRuns: 1500 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('mutated envelopes (type, id, command) are refused with a reason', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('type', 'id', 'command'), strangeValue, async (key, value) => {
        const env: Record<string, unknown> = { type: 'request', id: 3, command: 'getState', payload: {} };
        env[key] = value;
        const r = await dispatch(env);
        assertWellFormed(r);
      }),
      { numRuns: 500 },
    );
  });
});
