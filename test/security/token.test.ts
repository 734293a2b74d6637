// Issue 15, point 2: `--token` is readable by every local user in ps and /proc/PID/cmdline.
// Before: ARBDESK_TOKEN was ignored and --token-file did not exist; the token had to be on the
// command line to be chosen at all.
import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startServe } from '../helpers/cli';
import { tempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';

const TOKEN = 'S3cret-session-token_0123456789abcdef';
const linux = process.platform === 'linux';

function cmdline(pid: number): string {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
}

/** Every process whose parent is `pid` (Linux). */
function children(pid: number): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1] === String(pid);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('the serve token never on the command line', () => {
  const dirs: ReturnType<typeof tempDir>[] = [];
  const stops: (() => Promise<unknown>)[] = [];
  const dir = () => {
    const d = tempDir();
    dirs.push(d);
    return d.path;
  };
  afterEach(async () => {
    await Promise.all(stops.splice(0).map((s) => s()));
    for (const d of dirs.splice(0)) d.remove();
  });

  it('takes ARBDESK_TOKEN from the environment; neither serve nor the simulator it starts shows it', async () => {
    const serve = await startServe(dir(), [], { ARBDESK_TOKEN: TOKEN, ARBDESK_SIM_ARGS: '--markets 4' });
    stops.push(serve.stop);
    expect(serve.token).toBe(TOKEN);
    expect(serve.firstLine).toBe(`ArbDesk UI: ${serve.baseUrl}/#token=${TOKEN}`);
    const res = await fetch(`${serve.baseUrl}/api/state`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(serve.stderr()).not.toContain(TOKEN);
    if (linux) {
      expect(cmdline(serve.child.pid!)).not.toContain(TOKEN);
      // The simulator child does not inherit it either.
      const sims = await until(() => {
        const found = children(serve.child.pid!);
        return found.length > 0 ? found : null;
      }, 'the simulator child', 20_000, 100);
      for (const pid of sims) expect(readFileSync(`/proc/${pid}/environ`, 'utf8')).not.toContain(TOKEN);
    }
  });

  it('takes --token-file, and warns when the file is readable by others', async () => {
    const d = dir();
    const file = path.join(d, 'token');
    writeFileSync(file, `${TOKEN}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    const serve = await startServe(path.join(d, 'data'), ['--token-file', file]);
    stops.push(serve.stop);
    expect(serve.token).toBe(TOKEN);
    if (linux) expect(cmdline(serve.child.pid!)).not.toContain(TOKEN);
    expect((await fetch(`${serve.baseUrl}/api/state`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect(serve.stderr()).not.toMatch(/WARNING/);

    chmodSync(file, 0o644);
    const loose = await startServe(path.join(d, 'data2'), ['--token-file', file]);
    stops.push(loose.stop);
    expect(loose.token).toBe(TOKEN);
    expect(loose.stderr()).toMatch(/WARNING: --token-file .*token can be read by other users \(mode 644\); chmod 600 it\./);
  });

  it('still accepts --token, with a warning that says why and where to put it instead', async () => {
    const serve = await startServe(dir(), ['--token', TOKEN]);
    stops.push(serve.stop);
    expect(serve.token).toBe(TOKEN);
    expect(serve.stderr()).toMatch(/WARNING: --token is visible to every user of this machine \(ps, \/proc\); use ARBDESK_TOKEN or --token-file instead\./);
    expect(serve.stderr()).not.toContain(TOKEN);
  });

  it('refuses a bad token, an unreadable token file, or two ways at once, naming the source and never echoing the token', () => {
    const d = dir();
    const tooShort = runCli(['serve', '--port', '0', '--data-dir', d], { env: { ARBDESK_TOKEN: 'short' } });
    expect(tooShort.code).toBe(2);
    expect(tooShort.stderr.trim()).toBe('arbdesk serve: ARBDESK_TOKEN: the token must be 16 to 256 characters of A-Z a-z 0-9 . _ ~ -');
    const missing = runCli(['serve', '--port', '0', '--data-dir', d, '--token-file', path.join(d, 'nope')], { env: { ARBDESK_TOKEN: '' } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--token-file .*nope: cannot read it \(ENOENT\)/);
    const both = runCli(['serve', '--port', '0', '--data-dir', d, '--token-file', path.join(d, 'nope')], { env: { ARBDESK_TOKEN: TOKEN } });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give the token one way only/);
    expect(both.stderr).not.toContain(TOKEN);
  });
});
