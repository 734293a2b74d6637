// Issue 15, point 3 (a zero-byte ledger started as a new one, releasing an engaged kill switch)
// and point 8 (ledgers and settings world-readable, 0644).
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { ledgerPath } from '../../src/engine/ledger/database';
import { runCli } from '../helpers/cli';
import { MemorySecretStore } from '../helpers/memorySecretStore';
import { tempDir } from '../helpers/tempDir';

const posix = process.platform !== 'win32';
const isRoot = process.getuid?.() === 0;
const mode = (p: string) => statSync(p).mode & 0o777;

/** Every file and folder under dir, with its mode. */
function modes(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      out.set(path.relative(dir, p), mode(p));
      if (entry.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

describe('the data directory and its ledgers', () => {
  const dirs: ReturnType<typeof tempDir>[] = [];
  const engines: Engine[] = [];
  const newDir = () => {
    const d = tempDir();
    dirs.push(d);
    return path.join(d.path, 'arbdesk');
  };
  const start = async (dataDir: string) => {
    const engine = await Engine.create({ host: 'serve', dataDir, secrets: new MemorySecretStore(), log: () => undefined });
    engines.push(engine);
    return engine;
  };
  afterEach(() => {
    for (const e of engines.splice(0)) e.dispose();
    for (const d of dirs.splice(0)) d.remove();
  });

  it('a first run creates the ledger; an empty one where a ledger was refuses to start, naming the file', async () => {
    const dataDir = newDir();
    const first = await start(dataDir);
    await first.handle('killSwitch', {});
    expect(existsSync(ledgerPath(dataDir, 'paper'))).toBe(true);
    first.dispose();

    truncateSync(ledgerPath(dataDir, 'paper'), 0);
    await expect(start(dataDir)).rejects.toThrow(`ledger ${ledgerPath(dataDir, 'paper')} is empty (0 bytes)`);
    expect(statSync(ledgerPath(dataDir, 'paper')).size).toBe(0); // left as found, not started over

    // The same through the CLI: exit 1, one line naming the file, nothing served.
    const cli = runCli(['serve', '--port', '0', '--data-dir', dataDir]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toBe('');
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toContain(`arbdesk serve: ledger ${ledgerPath(dataDir, 'paper')} is empty (0 bytes)`);
  });

  it('refuses a directory where the ledger should be, and a ledger it cannot read', async () => {
    const dataDir = newDir();
    mkdirSync(ledgerPath(dataDir, 'paper'), { recursive: true });
    await expect(start(dataDir)).rejects.toThrow(`ledger ${ledgerPath(dataDir, 'paper')} is a directory, not a ledger file`);
  });

  it.skipIf(isRoot || !posix)('refuses a ledger without read permission, naming the file (not as root: root reads anything)', async () => {
    const dataDir = newDir();
    (await start(dataDir)).dispose();
    chmodSync(ledgerPath(dataDir, 'paper'), 0o000);
    await expect(start(dataDir)).rejects.toThrow(`ledger ${ledgerPath(dataDir, 'paper')} cannot be opened for reading and writing (EACCES)`);
  });

  it('keeps an engaged kill switch even when the ledger that held it is gone', async () => {
    const dataDir = newDir();
    const first = await start(dataDir);
    await first.handle('killSwitch', {});
    first.dispose();
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(`${ledgerPath(dataDir, 'paper')}${suffix}`)) unlinkSync(`${ledgerPath(dataDir, 'paper')}${suffix}`);
    const again = await start(dataDir);
    expect(again.services.risk.state()).toMatchObject({ state: 'open', killSwitch: true });
    expect(again.services.risk.isOrderPathOpen()).toBe(false);
  });

  it.skipIf(!posix)('is 0700 with every file 0600: ledgers with their WAL and SHM, settings, the kill switch record', async () => {
    const dataDir = newDir();
    const engine = await start(dataDir);
    await engine.handle('setLimits', { limits: engine.services.risk.limits() });
    await engine.handle('killSwitch', {});
    engine.services.activity.append({ kind: 'info', message: 'the WAL holds this' });
    expect(existsSync(`${ledgerPath(dataDir, 'paper')}-wal`)).toBe(true);
    expect(mode(dataDir)).toBe(0o700);
    const files = modes(dataDir);
    for (const name of ['ledger-paper.sqlite', 'ledger-paper.sqlite-wal', 'ledger-paper.sqlite-shm', 'settings.json', 'kill-switch.json']) {
      expect(files.get(name), name).toBe(0o600);
    }
    for (const [name, m] of files) expect(m & 0o077, `${name} is ${m.toString(8)}`).toBe(0);
  });

  it.skipIf(!posix)('takes a data directory left world-readable by an older version down to 0700 / 0600', async () => {
    const dataDir = newDir();
    (await start(dataDir)).dispose();
    chmodSync(dataDir, 0o755);
    const kept = ['kill-switch.json', 'links.json.invalid-1', 'discovery-cache.json.invalid-2', 'settings.json.invalid-3'];
    for (const name of kept) {
      writeFileSync(path.join(dataDir, name), '{"engaged":false,"engagedAt":null,"engagedIn":null,"rearmedAt":null}\n');
      chmodSync(path.join(dataDir, name), 0o644);
    }
    chmodSync(ledgerPath(dataDir, 'paper'), 0o644);
    await start(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    for (const name of ['ledger-paper.sqlite', ...kept]) expect(mode(path.join(dataDir, name)), name).toBe(0o600);
  });

  it.skipIf(!posix)('in a folder that holds other things (--data-dir ~), touches only its own files, and says so', async () => {
    const dataDir = newDir();
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const script = path.join(dataDir, 'run.sh');
    writeFileSync(script, '#!/bin/sh\n');
    chmodSync(script, 0o755);
    const log: string[] = [];
    const engine = await Engine.create({ host: 'serve', dataDir, secrets: new MemorySecretStore(), log: (m) => log.push(m) });
    engines.push(engine);
    expect(mode(script)).toBe(0o755);
    expect(mode(dataDir)).toBe(0o755);
    expect(mode(ledgerPath(dataDir, 'paper'))).toBe(0o600);
    expect(log.join('\n')).toMatch(/Data directory not private: .* is readable by other users \(mode 755\) and holds files that are not ArbDesk's/);
  });
});
