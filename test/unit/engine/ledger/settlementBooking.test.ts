// Settlement booking in a real SQLite ledger: a basket's outcome against what it locked in (paid as
// expected, or short when the venues resolved the linked markets differently), the capital it
// releases, the cash each venue's account got back, idempotence across a reopen, and a booking that
// fails part-way leaving nothing written.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerPath } from '../../../../src/engine/ledger/database';
import { Ledger } from '../../../../src/engine/ledger/ledger';
import { openSqlite } from '../../../../src/engine/ledger/sqlite';
import { tempDir } from '../../../helpers/tempDir';
import { KX, ManualClock, PM, crossBasket, fillLeg } from '../risk/fixtures';

describe('settlement booking', () => {
  let dir: ReturnType<typeof tempDir>;
  let clock: ManualClock;
  let ledger: Ledger;

  beforeEach(() => {
    dir = tempDir();
    clock = new ManualClock();
    ledger = Ledger.openInDir(dir.path, { mode: 'paper', clock });
    // 10 × (Polymarket YES @ 0.40 + $0.05 fee, Kalshi NO @ 0.50 + $0.07 fee): $9.12 locked for $10.
    ledger.createBasket(crossBasket('b1'));
    fillLeg(ledger, 'b1', 0, 'buy', '10', '0.40', '0.05');
    fillLeg(ledger, 'b1', 1, 'buy', '10', '0.50', '0.07');
  });
  afterEach(() => {
    ledger.close();
    dir.remove();
  });

  const settle = (venue: 'kalshi' | 'polymarket', market: typeof KX, yesValue: string) =>
    ledger.recordSettlement({ venue, market, yesValue, settledAt: clock.now(), source: 'test' });

  it('books a basket that paid as locked in: realised P&L, capital released, cash back on the paying venue', () => {
    expect(ledger.cashFlowByVenue().get('polymarket')!.toFixed()).toBe('-4.05');
    expect(settle('polymarket', PM, '1').status).toBe('recorded');
    expect(ledger.basketOutcome('b1')).toBeNull();
    const second = settle('kalshi', KX, '1');
    expect(second.status === 'recorded' && second.outcomes).toEqual([
      { basketId: 'b1', settledAt: clock.now(), outcome: 'as_expected', payout: '10', expected: '10', capital: '9.12', realised: '0.88' },
    ]);
    expect(ledger.basketOutcome('b1')!.outcome).toBe('as_expected');
    expect(ledger.openHoldings()).toEqual([]);
    const flow = ledger.cashFlowByVenue();
    expect(flow.get('polymarket')!.toFixed()).toBe('5.95');
    expect(flow.get('kalshi')!.toFixed()).toBe('-5.07');
  });

  it('records "short" when the linked markets resolve differently: both legs lose', () => {
    settle('polymarket', PM, '0');
    const r = settle('kalshi', KX, '1');
    expect(r.status === 'recorded' && r.outcomes[0]).toMatchObject({ outcome: 'short', payout: '0', expected: '10', capital: '9.12', realised: '-9.12' });
  });

  it('books once: the same result after a restart changes nothing', () => {
    settle('polymarket', PM, '1');
    settle('kalshi', KX, '1');
    ledger.close();
    ledger = Ledger.openInDir(dir.path, { mode: 'paper', clock });
    expect(settle('kalshi', KX, '1').status).toBe('duplicate');
    expect(settle('polymarket', PM, '1').status).toBe('duplicate');
    const db = openSqlite(ledgerPath(dir.path, 'paper'), { readOnly: true });
    expect(db.prepare(`SELECT COUNT(*) FROM pnl WHERE kind = 'settlement'`).pluck().get()).toBe(2);
    expect(db.prepare('SELECT COUNT(*) FROM basket_outcomes').pluck().get()).toBe(1);
    db.close();
    expect(ledger.basketOutcome('b1')!.realised).toBe('0.88');
  });

  it('leaves nothing half-written when the booking fails part-way', () => {
    settle('polymarket', PM, '1');
    // A row already in the way of the outcome makes the last write of the transaction fail.
    const db = openSqlite(ledgerPath(dir.path, 'paper'));
    db.prepare(`INSERT INTO basket_outcomes VALUES ('b1', 1, 'as_expected', '0', '0', '0', '0')`).run();
    db.close();
    expect(() => settle('kalshi', KX, '1')).toThrow();
    expect(ledger.settlement(KX)).toBeNull();
    expect(ledger.basket('b1')!.settledAt).toBeNull();
    expect(ledger.basketPositions('b1')!.legs[1]!.state.settledValue).toBeNull();
    const check = openSqlite(ledgerPath(dir.path, 'paper'), { readOnly: true });
    expect(check.prepare(`SELECT COUNT(*) FROM pnl WHERE kind = 'settlement'`).pluck().get()).toBe(0);
    check.close();
  });

  it('adds the outcomes table to a ledger written before it', () => {
    ledger.close();
    const db = openSqlite(ledgerPath(dir.path, 'paper'));
    db.exec('DROP TABLE basket_outcomes');
    db.pragma('user_version = 1');
    db.close();
    ledger = Ledger.openInDir(dir.path, { mode: 'paper', clock });
    settle('polymarket', PM, '1');
    expect(settle('kalshi', KX, '1').status).toBe('recorded');
    expect(ledger.basketOutcome('b1')!.outcome).toBe('as_expected');
  });
});
