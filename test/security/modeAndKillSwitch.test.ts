// Issue 15, point 4: settings.json with "mode":"live" started live without keys, saved limits or
// the LIVE confirmation; a kill switch engaged in paper mode was not in effect in live mode.
// Point 8: rejected settings were reported only in the activity log, not on stderr.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketRef } from '../../src/shared/ids';
import type { Micros, Price, Qty } from '../../src/shared/units';
import { Engine } from '../../src/engine/engine';
import { DEFAULT_LIMITS } from '../../src/engine/settings/defaults';
import { SettingsStore } from '../../src/engine/settings/settingsStore';
import { startServe } from '../helpers/cli';
import { MemorySecretStore } from '../helpers/memorySecretStore';
import { tempDir } from '../helpers/tempDir';

const DEV_WALLET_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

/** A one-leg basket the gate would pass on a closed breaker. */
const basket = {
  basketId: 'b-probe',
  size: 1,
  legs: [{ venue: 'kalshi' as const, market: 'kalshi:KXTEST-1' as MarketRef, outcome: 'yes' as const, qty: 100 as Qty, price: 4000 as Price }],
  worstCaseLoss: 10_000 as Micros,
};

describe('start-up mode and one kill switch for the whole app', () => {
  const dirs: ReturnType<typeof tempDir>[] = [];
  const engines: Engine[] = [];
  afterEach(() => {
    for (const e of engines.splice(0)) e.dispose();
    for (const d of dirs.splice(0)) d.remove();
  });
  const newDir = () => {
    const d = tempDir();
    dirs.push(d);
    return d.path;
  };
  const start = async (dataDir: string, secrets = new MemorySecretStore(), log: string[] = []) => {
    const engine = await Engine.create({ host: 'serve', dataDir, secrets, log: (m) => log.push(m) });
    engines.push(engine);
    return engine;
  };
  const stop = (engine: Engine) => {
    engine.dispose();
    engines.splice(engines.indexOf(engine), 1);
  };
  const withKeys = () => {
    const s = new MemorySecretStore();
    s.values.set('polymarket.privateKey', DEV_WALLET_KEY);
    return s;
  };
  const askForLive = (dataDir: string, patch: { limitsConfirmedAt?: number | null; liveConfirmedAt?: number | null } = {}) =>
    SettingsStore.inDir(dataDir).update({ mode: 'live', limitsConfirmedAt: 1, liveConfirmedAt: 1, ...patch });

  it('starts live only while keys, saved limits and the LIVE confirmation all still hold; else paper, saying why on stderr and in activity', async () => {
    const cases = [
      { secrets: () => new MemorySecretStore(), patch: {}, why: /no venue's keys are in the keychain/ },
      { secrets: () => new MemorySecretStore({ available: false, backend: 'none', detail: null }), patch: {}, why: /the keychain is not available \(none\)/ },
      { secrets: withKeys, patch: { limitsConfirmedAt: null }, why: /the risk limits were never reviewed and saved/ },
      { secrets: withKeys, patch: { liveConfirmedAt: null }, why: /live trading was never confirmed by typing LIVE/ },
    ];
    for (const c of cases) {
      const dataDir = newDir();
      askForLive(dataDir, c.patch);
      const log: string[] = [];
      const engine = await start(dataDir, c.secrets(), log);
      expect(engine.snapshot().mode).toBe('paper');
      expect(engine.services.ledger.mode).toBe('paper');
      expect(log.join('\n')).toMatch(c.why);
      expect(log.join('\n')).toMatch(/Started in PAPER mode although the settings ask for live trading/);
      expect(engine.services.activity.query({ limit: 50 }).map((e) => e.message).join('\n')).toMatch(c.why);
      expect(SettingsStore.inDir(dataDir).get().mode).toBe('paper');
    }
    const dataDir = newDir();
    askForLive(dataDir);
    const live = await start(dataDir, withKeys());
    expect(live.snapshot().mode).toBe('live');
    expect(live.services.ledger.mode).toBe('live');
  });

  it('a switch to live records the LIVE confirmation, so the next start stays live', async () => {
    const dataDir = newDir();
    const engine = await start(dataDir, withKeys());
    await engine.handle('setLimits', { limits: DEFAULT_LIMITS });
    await engine.handle('setMode', { mode: 'live', confirmation: 'LIVE' });
    stop(engine);
    expect(SettingsStore.inDir(dataDir).get().liveConfirmedAt).not.toBeNull();
    expect((await start(dataDir, withKeys())).snapshot().mode).toBe('live');
  });

  it('a kill switch engaged in paper mode blocks the live order path after a restart in live mode', async () => {
    const dataDir = newDir();
    const paper = await start(dataDir, withKeys());
    expect(paper.services.risk.checkBasket(basket)).toMatchObject({ ok: true });
    paper.services.risk.releaseBasket(basket.basketId);
    await paper.handle('killSwitch', {});
    stop(paper);

    askForLive(dataDir);
    const live = await start(dataDir, withKeys());
    expect(live.services.ledger.mode).toBe('live');
    expect(live.services.risk.state()).toMatchObject({ state: 'open', killSwitch: true, reason: 'Kill switch engaged by the trader (in PAPER mode)' });
    expect(live.services.risk.isOrderPathOpen()).toBe(false);
    expect(live.services.risk.checkBasket(basket)).toMatchObject({ ok: false, kind: 'kill_switch' });

    // Re-armed in live, it is released everywhere: paper's own record of it is older than the re-arm.
    await live.handle('rearm', {});
    stop(live);
    SettingsStore.inDir(dataDir).update({ mode: 'paper' });
    const paperAgain = await start(dataDir, withKeys());
    expect(paperAgain.services.risk.state()).toMatchObject({ state: 'closed', killSwitch: false });
    expect(paperAgain.services.risk.checkBasket(basket)).toMatchObject({ ok: true });
  });

  it('a kill switch engaged live survives a start that falls back to paper, and one re-arm releases both modes', async () => {
    const dataDir = newDir();
    askForLive(dataDir);
    const live = await start(dataDir, withKeys());
    expect(live.services.ledger.mode).toBe('live');
    await live.handle('killSwitch', {});
    stop(live);

    // The keys are gone: paper, and still killed.
    const paper = await start(dataDir, new MemorySecretStore());
    expect(paper.services.ledger.mode).toBe('paper');
    expect(paper.services.risk.state().killSwitch).toBe(true);
    expect(paper.services.risk.checkBasket(basket)).toMatchObject({ ok: false, kind: 'kill_switch' });
    // Switching modes does not walk around it either.
    await expect(paper.handle('setMode', { mode: 'live', confirmation: 'LIVE' })).rejects.toThrow();
    await paper.handle('rearm', {});
    stop(paper);

    const back = await start(dataDir, withKeys());
    await back.handle('setMode', { mode: 'live', confirmation: 'LIVE' });
    expect(back.services.ledger.mode).toBe('live');
    expect(back.services.risk.state()).toMatchObject({ killSwitch: false, state: 'closed' });
  });

  it('an unreadable kill switch record fails closed: engaged until re-armed, and said so', async () => {
    const dataDir = newDir();
    stop(await start(dataDir));
    writeFileSync(path.join(dataDir, 'kill-switch.json'), '{"engaged": "maybe"');
    const log: string[] = [];
    const engine = await start(dataDir, new MemorySecretStore(), log);
    expect(engine.services.risk.state().killSwitch).toBe(true);
    expect(log.join('\n')).toMatch(/kill-switch\.json cannot be read .*treated as engaged until you re-arm/);
    await engine.handle('rearm', {});
    stop(engine);
    expect((await start(dataDir)).services.risk.state().killSwitch).toBe(false);
  });

  it('serve says on stderr why it started in paper, and when it rejected the settings file', async () => {
    const liveDir = newDir();
    SettingsStore.inDir(liveDir).update({ mode: 'live' });
    const serve = await startServe(liveDir);
    try {
      const state = (await (await fetch(`${serve.baseUrl}/api/state`, { headers: { Authorization: `Bearer ${serve.token}` } })).json()) as { mode: string };
      expect(state.mode).toBe('paper');
      expect(serve.stderr()).toMatch(/ArbDesk: Started in PAPER mode although the settings ask for live trading: .*the risk limits were never reviewed and saved; live trading was never confirmed by typing LIVE\./);
    } finally {
      await serve.stop();
    }

    const badDir = newDir();
    writeFileSync(path.join(badDir, 'settings.json'), '{"version":1,"mode":"live","limits":{"maxDailyLoss":"-5"}}');
    const rejected = await startServe(badDir);
    try {
      expect(rejected.stderr()).toMatch(/ArbDesk: Settings file rejected: settings\.limits\.\S+: .*kept as settings\.json\.invalid-\d+ and defaults are in use/);
    } finally {
      await rejected.stop();
    }
  });
});
