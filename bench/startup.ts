// Start-up: `arbdesk --help` and `arbdesk scan` of a small scenario against `node -e 0`, as fresh
// processes timed side by side (one of each per round; the medians and the median of the paired
// differences are reported). Each command loads only what it needs: the venue SDKs, viem, the
// contract's zod schemas, the simulator and the host load in the commands that use them.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { median } from './data';
import type { BenchSection, Measurement } from './types';

const ROUNDS = 15;
const TARGET_MS = 150;

/** Two markets, one cross-venue link and books that hold an arbitrage (docs/spec/formats.md §2). */
const SMALL_SCENARIO = {
  markets: [
    { venue: 'kalshi', id: 'KXSTART-1', title: 'Start-up market', orderbook_fp: { yes_dollars: [['0.4000', '100.00']], no_dollars: [['0.5500', '50.00']] } },
    {
      venue: 'polymarket',
      id: '0xstart1',
      title: 'Start-up market?',
      feeRate: '0.02',
      tokens: {
        yes: { token_id: '101', bids: [{ price: '0.50', size: '40' }], asks: [{ price: '0.52', size: '25' }] },
        no: { token_id: '102', bids: [{ price: '0.48', size: '25' }], asks: [{ price: '0.40', size: '40' }] },
      },
    },
  ],
  equivalent: [['kalshi:KXSTART-1', 'polymarket:0xstart1']],
};

function timed(args: string[]): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

export const startupSection: BenchSection = {
  name: 'startup',
  title: '`arbdesk --help` and `arbdesk scan SMALL.json` against `node -e 0` (fresh processes)',
  async run(ctx) {
    const scenario = path.join(ctx.workDir, 'small-scenario.json');
    writeFileSync(scenario, JSON.stringify(SMALL_SCENARIO));
    const node: number[] = [];
    const help: number[] = [];
    const scan: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      node.push(timed(['-e', '0']));
      help.push(timed([ctx.cli, '--help']));
      scan.push(timed([ctx.cli, 'scan', scenario]));
    }
    const over = (xs: number[]) => median(xs.map((x, i) => x - node[i]!));
    const helpOver = over(help);
    const scanOver = over(scan);
    ctx.log(`  ${ROUNDS} rounds; medians: node -e 0 ${median(node).toFixed(0)} ms, --help ${median(help).toFixed(0)} ms, scan ${median(scan).toFixed(0)} ms`);
    const row = (name: string, xs: number[]): Measurement => ({ name, value: median(xs), unit: 'ms', display: `${median(xs).toFixed(0)} ms (median; best ${Math.min(...xs).toFixed(0)} ms)` });
    const beyond = (name: string, ms: number): Measurement => ({
      name,
      value: ms,
      unit: 'ms',
      display: `+${ms.toFixed(0)} ms over node -e 0 (median of paired runs)`,
      target: { text: `≤ ${TARGET_MS} ms`, met: ms <= TARGET_MS },
    });
    return [row('node -e 0', node), row('arbdesk --help', help), row('arbdesk scan SMALL.json', scan), beyond('--help beyond node', helpOver), beyond('scan beyond node', scanOver)];
  },
};
