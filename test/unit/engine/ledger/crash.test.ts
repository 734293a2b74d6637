import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../../../src/engine/ledger/ledger';
import { Money, sum } from '../../../../src/shared/money';
import { tempDir } from '../../../helpers/tempDir';
import { ManualClock } from '../risk/fixtures';
import { openSqlite } from '../../../../src/engine/ledger/sqlite';

const ROOT = path.resolve(__dirname, '../../../..');

/**
 * Starts the writer, waits until it has finished `baskets` more baskets, and SIGKILLs it mid-write.
 * Returns the indices of the baskets it reported finished.
 */
async function writeAndKill(script: string, file: string, baskets: number): Promise<number[]> {
  const child = spawn(process.execPath, [script, file], {
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const finished: number[] = [];
  let stderr = '';
  let buffered = '';
  let killing = false;
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      buffered += b.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      finished.push(...lines.map(Number));
      if (finished.length >= baskets && !killing) {
        killing = true;
        // A few milliseconds later: the writer is somewhere inside its next basket.
        setTimeout(() => child.kill('SIGKILL'), 1 + (finished.length % 7));
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code}: ${stderr}`))));
  });
  return finished;
}

describe('ledger crash consistency', () => {
  const dir = tempDir();
  const script = path.join(dir.path, 'crashWriter.cjs');

  beforeAll(async () => {
    await build({
      entryPoints: [path.join(__dirname, 'crashWriter.ts')],
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
  });
  afterAll(() => dir.remove());

  it('a process SIGKILLed while writing leaves a consistent ledger that reopens and goes on', async () => {
    const file = path.join(dir.path, 'ledger-paper.sqlite');
    const finished = new Set<number>();
    for (const target of [20, 35, 50, 65, 80]) {
      const run = await writeAndKill(script, file, target);
      expect(run.length).toBeGreaterThanOrEqual(target);
      for (const i of run) finished.add(i);

      const db = openSqlite(file);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      // Every basket has its legs and positions: created in one transaction.
      const orphans = db.prepare(`SELECT COUNT(*) FROM baskets b WHERE (SELECT COUNT(*) FROM positions p WHERE p.basket_id = b.id) != 2`).pluck().get();
      expect(orphans).toBe(0);
      // Each order's filled quantity is the sum of its fills; each position is the sum of its leg's fills.
      const orders = db.prepare(`SELECT client_order_id, filled_qty FROM orders`).all() as { client_order_id: string; filled_qty: string }[];
      const fillsOf = db.prepare(`SELECT qty, fee FROM fills WHERE client_order_id = ?`);
      for (const o of orders) {
        const fills = fillsOf.all(o.client_order_id) as { qty: string }[];
        expect(sum(fills.map((f) => new Money(f.qty))).eq(o.filled_qty)).toBe(true);
      }
      const positions = db.prepare(`SELECT basket_id, leg_index, held, fees FROM positions`).all() as { basket_id: string; leg_index: number; held: string; fees: string }[];
      const legFills = db.prepare(
        `SELECT f.qty, f.fee, o.side FROM fills f JOIN orders o ON o.client_order_id = f.client_order_id WHERE o.basket_id = ? AND o.leg_index = ?`,
      );
      for (const p of positions) {
        const fills = legFills.all(p.basket_id, p.leg_index) as { qty: string; fee: string; side: string }[];
        const held = sum(fills.map((f) => (f.side === 'buy' ? new Money(f.qty) : new Money(f.qty).neg())));
        expect(held.eq(p.held), `${p.basket_id}#${p.leg_index}`).toBe(true);
        expect(sum(fills.map((f) => new Money(f.fee))).eq(p.fees)).toBe(true);
      }
      db.close();

      // Reopened through the API: finished baskets are whole; only the basket in flight has pending orders.
      const ledger = Ledger.open(file, { mode: 'paper', clock: new ManualClock() });
      for (const i of finished) {
        const done = ledger.basketPositions(`b${i}`)!;
        expect(done.legs.map((l) => l.state.held.toFixed())).toEqual(['7', '7']);
        // 3 of 10 YES (cost 4.30, fees 0.03) sold at 0.35: 1.05 − 1.29 − 0.009
        expect(done.legs[0]!.state.realised.toFixed()).toBe('-0.249');
      }
      for (const pending of ledger.pendingOrders()) {
        expect(finished.has(Number(pending.basketId.slice(1)))).toBe(false);
        expect(ledger.order(pending.clientOrderId)?.final).toBe(false);
      }
      // It takes new writes after the crash.
      ledger.appendActivity({ id: 0, at: 1, kind: 'info', level: 'info', venue: null, message: 'restarted', ref: null });
      ledger.close();
    }
  });
});
