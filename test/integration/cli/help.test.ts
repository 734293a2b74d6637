// `arbdesk <command> --help` on every command: its usage, exit 0, and lines that fit a terminal of
// 100 columns; every option a command accepts is in its usage.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../../helpers/cli';

const COMMANDS = ['serve', 'scan', 'replay', 'record', 'bench', 'sim', 'chaos', 'spec', 'relate'];
const WIDTH = 100;

/** The options a command's source passes to parseArgs, minus internal ones the usage keeps to itself. */
function acceptedOptions(command: string): string[] {
  const source = readFileSync(path.join(ROOT, 'src/cli/commands', `${command}.ts`), 'utf8');
  const call = /parseArgs\(argv, \[([^\]]*)\](?:, \[([^\]]*)\])?\)/.exec(source);
  const names = [call?.[1] ?? '', call?.[2] ?? ''].join(',').match(/'[^']+'/g) ?? [];
  const internal = new Set(['seed', 'markets', 'levels', 'child', 'sim', 'data-dir', 'ui-wait', 'universe-settle']);
  return names.map((n) => n.slice(1, -1)).filter((n) => !(command === 'bench' && internal.has(n)));
}

describe('arbdesk --help', () => {
  for (const command of COMMANDS) {
    it(`${command} --help prints its usage and exits 0; every line fits ${WIDTH} columns`, () => {
      for (const flag of ['--help', '-h']) {
        const r = runCli([command, flag]);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(new RegExp(`^Usage: arbdesk ${command}\\b`));
        expect(r.stderr).toBe('');
        for (const line of r.stdout.trimEnd().split('\n')) expect([...line].length, line).toBeLessThanOrEqual(WIDTH);
        for (const option of acceptedOptions(command)) expect(r.stdout).toContain(`--${option}`);
      }
      // Help wins over anything else on the line, even an option that would be refused.
      expect(runCli([command, '--bogus', '--help']).code).toBe(0);
      expect(runCli(['help', command]).stdout).toBe(runCli([command, '--help']).stdout);
    });
  }

  it('the command list fits 100 columns; bare arbdesk prints it and exits 2, arbdesk help exits 0', () => {
    const help = runCli(['help']);
    expect(help.code).toBe(0);
    for (const c of COMMANDS) expect(help.stdout).toMatch(new RegExp(`^  ${c}\\s`, 'm'));
    for (const line of help.stdout.trimEnd().split('\n')) expect([...line].length, line).toBeLessThanOrEqual(WIDTH);
    const bare = runCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe(help.stdout);
  });
});
