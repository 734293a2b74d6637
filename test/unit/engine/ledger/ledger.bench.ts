// npx vitest bench --run --project unit test/unit/engine/ledger
// A typical ledger write on the engine thread, paper (synchronous=NORMAL) and live (FULL).
import { afterAll, bench, describe } from 'vitest';
import { systemClock } from '../../../../src/engine/platform/clock';
import { Ledger } from '../../../../src/engine/ledger/ledger';
import { tempDir } from '../../../helpers/tempDir';
import { crossBasket } from '../risk/fixtures';

const dir = tempDir();
const ledgers = { paper: Ledger.openInDir(dir.path, { mode: 'paper', clock: systemClock }), live: Ledger.openInDir(dir.path, { mode: 'live', clock: systemClock }) };
afterAll(() => {
  ledgers.paper.close();
  ledgers.live.close();
  dir.remove();
});

for (const mode of ['paper', 'live'] as const) {
  const ledger = ledgers[mode];
  let n = 0;
  ledger.createBasket(crossBasket('b', '1000000'));
  const intent = () => {
    const cid = `${mode}-${++n}`;
    ledger.recordOrderIntent({ clientOrderId: cid, basketId: 'b', legIndex: 0, side: 'buy', purpose: 'entry', timeInForce: 'ioc', qty: '10', limitPrice: '0.40' });
    return cid;
  };
  describe(`${mode} ledger (${ledger.durability().synchronous})`, () => {
    bench('recordOrderIntent (the write before every send)', () => {
      intent();
    });
    bench('recordFill (fill + order + position, one transaction)', () => {
      const cid = intent();
      ledger.recordFill({ venue: 'polymarket', venueFillId: `f-${cid}`, clientOrderId: cid, qty: '10', price: '0.40', fee: '0.01' });
    });
    bench('appendActivity', () => {
      ledger.appendActivity({ id: 0, at: Date.now(), kind: 'order', level: 'info', venue: 'kalshi', message: 'Order sent', ref: null });
    });
  });
}
