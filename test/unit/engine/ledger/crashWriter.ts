// Run in a child process by crash.test.ts: writes trades into a ledger as fast as it can, printing
// how many baskets it finished, until the test kills it with SIGKILL mid-write.
import { Ledger } from '../../../../src/engine/ledger/ledger';
import { systemClock } from '../../../../src/engine/platform/clock';

const file = process.argv[2]!;
const ledger = Ledger.open(file, { mode: 'paper', clock: systemClock });
const PM = 'polymarket:0xcrash';
const KX = 'kalshi:KXCRASH';

// A restart carries on after the baskets already there (the last may be half-written).
for (let i = ledger.basketIds().length; ; i++) {
  const id = `b${i}`;
  ledger.createBasket({
    id,
    strategy: 'cross_venue',
    size: '10',
    payoutPerUnit: '1',
    legs: [
      { venue: 'polymarket', market: PM, title: 'crash yes', outcome: 'yes', plannedQty: '10', limitPrice: '0.40' },
      { venue: 'kalshi', market: KX, title: 'crash no', outcome: 'no', plannedQty: '10', limitPrice: '0.50' },
    ],
  });
  for (const legIndex of [0, 1]) {
    const cid = `${id}-${legIndex}`;
    const venue = legIndex === 0 ? 'polymarket' : 'kalshi';
    ledger.recordOrderIntent({ clientOrderId: cid, basketId: id, legIndex, side: 'buy', purpose: 'entry', timeInForce: 'ioc', qty: '10', limitPrice: '0.50' });
    ledger.recordAck(cid, { venueOrderId: `v-${cid}` });
    ledger.recordFill({ venue, venueFillId: `${cid}-f1`, clientOrderId: cid, qty: '4', price: '0.40', fee: '0.01' });
    ledger.recordFill({ venue, venueFillId: `${cid}-f2`, clientOrderId: cid, qty: legIndex === 0 ? '6' : '3', price: '0.45', fee: '0.02' });
    if (legIndex === 1) ledger.markOrderFinal(cid, 'cancelled', 'IOC remainder');
  }
  // Flatten the excess YES.
  const sell = `${id}-flatten`;
  ledger.recordOrderIntent({ clientOrderId: sell, basketId: id, legIndex: 0, side: 'sell', purpose: 'flatten', timeInForce: 'ioc', qty: '3', limitPrice: '0.30' });
  ledger.recordFill({ venue: 'polymarket', venueFillId: `${sell}-f`, clientOrderId: sell, qty: '3', price: '0.35', fee: '0' });
  ledger.appendActivity({ id: i, at: Date.now(), kind: 'execution', level: 'info', venue: null, message: `basket ${id} done`, ref: id });
  process.stdout.write(`${i}\n`);
}
