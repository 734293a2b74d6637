// Which Polymarket the trader may use (settings.traderJurisdiction), set from the app: the command
// is validated on receipt (a bad value is refused naming the field, and nothing is written), the
// choice is persisted and pushed, and the venues restricted by the US border restart under it at
// once — the one now allowed connects, the one now refused stops and leaves the venues list —
// while Kalshi, open to anyone, keeps running untouched.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContractEvent } from '../../../../src/shared/contract';
import { Engine } from '../../../../src/engine/engine';
import type { Discovery } from '../../../../src/engine/venues/venue';
import { createDispatcher } from '../../../../src/host/dispatch';
import { fakeConnectors, fakeResolver } from '../../../helpers/fakeVenue';
import { MemorySecretStore } from '../../../helpers/memorySecretStore';
import { tempDir } from '../../../helpers/tempDir';
import { until } from '../../../helpers/until';

const empty = (): Discovery => ({ markets: [], exclusiveSets: [], implications: [] });

describe('setTraderJurisdiction', () => {
  const dir = tempDir();
  let engine: Engine | undefined;
  afterEach(() => engine?.dispose());

  const open = async () => {
    const fakes = fakeConnectors({ kalshi: empty(), polymarket: empty(), 'polymarket-us': empty() });
    engine = await Engine.create({ host: 'serve', dataDir: dir.path, secrets: new MemorySecretStore(), venues: fakeResolver, connect: fakes.connect, log: () => undefined });
    const dispatch = createDispatcher(engine, () => undefined);
    let id = 0;
    const call = (payload: unknown) => dispatch({ type: 'request', id: ++id, command: 'setTraderJurisdiction', payload });
    const host = engine.services.venues;
    const settled = () => until(() => host.available.length > 0 && host.available.every((v) => host.slot(v).state === 'running' || host.slot(v).state === 'off'), 'every venue the trader may use started or off');
    return { engine, call, fakes, host, settled };
  };
  // The file as written (null: never written — a fresh data directory).
  const settingsFile = () => {
    const file = path.join(dir.path, 'settings.json');
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  };

  it('refuses a bad value naming the field and writes nothing', async () => {
    const { engine: e, call, settled } = await open();
    await settled();
    const before = settingsFile();
    for (const bad of [{ traderJurisdiction: 'usa' }, { traderJurisdiction: 'US' }, { traderJurisdiction: 1 }, { traderJurisdiction: null }, {}]) {
      expect(await call(bad)).toMatchObject({ ok: false, error: { code: 'invalid_payload', field: 'payload.traderJurisdiction' } });
    }
    expect(await call({ traderJurisdiction: 'us', venue: 'kalshi' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(e.services.settings.get().traderJurisdiction).toBe('non_us');
    expect(settingsFile()).toBe(before);
  });

  it('persists the choice, pushes it, and restarts only the Polymarket venues under it', async () => {
    const { engine: e, call, fakes, host, settled } = await open();
    await settled();
    // Outside the US by default: international Polymarket runs; Polymarket US is neither started nor listed.
    expect(e.snapshot().preferences).toEqual({ minAnnualisedReturn: null, traderJurisdiction: 'non_us' });
    expect(host.slot('polymarket' as never).state).toBe('running');
    expect(host.slot('polymarket-us' as never).state).toBe('stopped');
    expect(e.services.venueStatuses().map((v) => v.venue)).toEqual(['kalshi', 'polymarket']);
    const kalshi = fakes.latest('kalshi' as never);
    const international = fakes.latest('polymarket' as never);
    const events: ContractEvent[] = [];
    e.onEvent((ev) => events.push(ev));

    expect(await call({ traderJurisdiction: 'us' })).toMatchObject({ ok: true, result: { traderJurisdiction: 'us', minAnnualisedReturn: null } });
    expect(JSON.parse(settingsFile()!)).toMatchObject({ traderJurisdiction: 'us' });
    expect(events).toContainEqual({ event: 'preferences', payload: { minAnnualisedReturn: null, traderJurisdiction: 'us' } });
    await until(() => host.slot('polymarket-us' as never).state === 'running', 'Polymarket US running');
    expect(host.slot('polymarket' as never).state).toBe('stopped');
    expect(international.disposed).toBe(true);
    expect(fakes.latest('kalshi' as never)).toBe(kalshi);
    expect(kalshi.disposed).toBe(false);
    expect(e.services.venueStatuses().map((v) => v.venue)).toEqual(['kalshi', 'polymarket-us']);
    const said = e.snapshot().activity.map((a) => a.message);
    expect(said).toContain('Where you trade set to in the US: the venues restricted by the US border restart under it');
    expect(said).toContain('Polymarket stopped: Settings → Where you trade no longer includes it');

    // The same choice again changes nothing: no venue restarts.
    const created = fakes.created.length;
    expect(await call({ traderJurisdiction: 'us' })).toMatchObject({ ok: true });
    expect(fakes.created.length).toBe(created);

    // Kept across a restart: Polymarket US runs from the start.
    e.dispose();
    const again = await open();
    await again.settled();
    expect(again.engine.snapshot().preferences?.traderJurisdiction).toBe('us');
    expect(again.host.slot('polymarket-us' as never).state).toBe('running');
    expect(again.host.slot('polymarket' as never).state).toBe('stopped');
  });

  it('"both" runs each Polymarket only with its own keys', async () => {
    const { engine: e, call, host, settled } = await open();
    await settled();
    expect(await call({ traderJurisdiction: 'both' })).toMatchObject({ ok: true, result: { traderJurisdiction: 'both' } });
    expect(e.services.settings.get().traderJurisdiction).toBe('both');
    // The scripted host resolves no keys: neither Polymarket may run.
    for (const v of ['polymarket', 'polymarket-us']) expect(host.slot(v as never)).toMatchObject({ state: 'off', error: expect.stringMatching(/is off until its keys are set/) });
    expect(host.slot('kalshi' as never).state).toBe('running');
  });
});
