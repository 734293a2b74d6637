// `arbdesk chaos` refuses bad options with a message naming them, before starting anything.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';

describe('arbdesk chaos options', () => {
  it('is listed in help, and its usage names its options', () => {
    expect(runCli(['help']).stdout).toMatch(/^ {2}chaos\s+trade through simulator faults/m);
    expect(runCli(['chaos', '--help']).stdout).toMatch(/arbdesk chaos \[--minutes M\] \[--seed S\]/);
  });

  it('refuses a bad --minutes, --speed or an unknown option', () => {
    for (const [args, message] of [
      [['--minutes', 'soon'], /--minutes must be a number above 0/],
      [['--minutes', '0'], /--minutes must be a number above 0/],
      [['--speed', '-3'], /--speed/],
      [['--faster'], /unknown option --faster/],
      [['extra'], /chaos takes no arguments/],
    ] as const) {
      const r = runCli(['chaos', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('the engine child needs the simulator file and data dir, and a known crash window', () => {
    const missing = runCli(['chaos', 'engine', '--data-dir', '/tmp/x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/needs --sim FILE and --data-dir D/);
    const window = runCli(['chaos', 'engine', '--sim', 'x.json', '--data-dir', '/tmp/x', '--crash-at', 'sometime']);
    expect(window.code).toBe(2);
    expect(window.stderr).toMatch(/--crash-at must be one of before_send, between_legs, after_fills/);
  });
});
