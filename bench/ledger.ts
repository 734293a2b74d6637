// Ledger write latency: what one order costs the engine thread before and after it is sent. Each
// write is one SQLite transaction on a real file in the bench's scratch directory, with the
// durability each mode runs with: live fsyncs every commit (synchronous=FULL), paper only at
// checkpoints (NORMAL). Measured write by write through the real Ledger, as the executor calls it.
import path from 'node:path';
import type { Mode } from '../src/shared/contract';
import type { MarketRef } from '../src/shared/ids';
import type { BenchSection, Measurement } from './types';

const KALSHI = 'kalshi:KXBENCH-26DEC-T1' as MarketRef;
const POLYMARKET = 'polymarket:0xbench' as MarketRef;

type WriteKind = 'basket' | 'intent' | 'ack' | 'fill';

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! / 1000;
}

export const ledgerSection: BenchSection = {
  name: 'ledger',
  title: 'ledger write latency per transaction (basket, order intent, ack, fill), live and paper durability',
  async run(ctx) {
    const [{ Ledger }, { systemClock }] = await Promise.all([import('../src/engine/tools'), import('../src/engine')]);
    const baskets = ctx.options.ledgerBaskets;
    const out: Measurement[] = [];
    for (const mode of ['live', 'paper'] as const satisfies readonly Mode[]) {
      const ledger = Ledger.openInDir(path.join(ctx.workDir, `ledger-${mode}`), { mode, clock: systemClock });
      const times: Record<WriteKind, Float64Array> = {
        basket: new Float64Array(baskets),
        intent: new Float64Array(baskets * 2),
        ack: new Float64Array(baskets * 2),
        fill: new Float64Array(baskets * 2),
      };
      const timed = <T>(kind: WriteKind, i: number, write: () => T): T => {
        const t0 = process.hrtime.bigint();
        const result = write();
        times[kind][i] = Number(process.hrtime.bigint() - t0);
        return result;
      };
      try {
        for (let b = 0; b < baskets; b++) {
          const id = `bench-${b}`;
          timed('basket', b, () =>
            ledger.createBasket({
              id,
              strategy: 'cross_venue',
              size: '25',
              payoutPerUnit: '1',
              legs: [
                { venue: 'polymarket', market: POLYMARKET, title: 'bench', outcome: 'yes', plannedQty: '25', limitPrice: '0.41' },
                { venue: 'kalshi', market: KALSHI, title: 'bench', outcome: 'no', plannedQty: '25', limitPrice: '0.52' },
              ],
            }),
          );
          for (const legIndex of [0, 1]) {
            const i = b * 2 + legIndex;
            const cid = `${id}-${legIndex}`;
            const venue = legIndex === 0 ? 'polymarket' : 'kalshi';
            timed('intent', i, () =>
              ledger.recordOrderIntent({ clientOrderId: cid, basketId: id, legIndex, side: 'buy', purpose: 'entry', timeInForce: 'ioc', qty: '25', limitPrice: legIndex === 0 ? '0.41' : '0.52' }),
            );
            timed('ack', i, () => ledger.recordAck(cid, { venueOrderId: `v-${cid}` }));
            timed('fill', i, () => ledger.recordFill({ venue, venueFillId: `f-${cid}`, clientOrderId: cid, qty: '25', price: legIndex === 0 ? '0.41' : '0.52', fee: '0.18' }));
          }
        }
      } finally {
        ledger.close();
      }
      for (const kind of ['intent', 'fill', 'ack', 'basket'] as const) {
        const sorted = times[kind].sort();
        out.push({ name: `${mode} ${kind} p50`, value: quantile(sorted, 0.5), unit: 'µs' });
        out.push({ name: `${mode} ${kind} p99`, value: quantile(sorted, 0.99), unit: 'µs' });
      }
    }
    ctx.log(`  ${baskets} baskets a mode: 2 legs each, every leg an intent, an ack and a fill (each its own transaction)`);
    return out;
  },
};
