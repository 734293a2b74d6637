import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerPath } from '../../../../src/engine/ledger/database';
import { LedgerError } from '../../../../src/engine/ledger/errors';
import { Ledger, newClientOrderId } from '../../../../src/engine/ledger/ledger';
import { SCHEMA_VERSION } from '../../../../src/engine/ledger/schema';
import { tempDir } from '../../../helpers/tempDir';
import { KX, ManualClock, PM, crossBasket, fillLeg } from '../risk/fixtures';
import { openSqlite } from '../../../../src/engine/ledger/sqlite';

describe('ledger', () => {
  let dir: ReturnType<typeof tempDir>;
  let clock: ManualClock;
  let ledger: Ledger;

  beforeEach(() => {
    dir = tempDir();
    clock = new ManualClock();
    ledger = Ledger.openInDir(dir.path, { mode: 'paper', clock });
  });
  afterEach(() => {
    ledger.close();
    dir.remove();
  });

  const raw = () => openSqlite(ledgerPath(dir.path, 'paper'), { readOnly: true });
  const intent = (cid: string, basketId = 'b1', legIndex = 0, q = '10', side: 'buy' | 'sell' = 'buy') =>
    ledger.recordOrderIntent({ clientOrderId: cid, basketId, legIndex, side, purpose: 'entry', timeInForce: 'ioc', qty: q, limitPrice: '0.40' });

  describe('files', () => {
    it('keeps paper and live in separate files, WAL, at the current schema version', () => {
      const live = Ledger.openInDir(dir.path, { mode: 'live', clock });
      live.close();
      for (const mode of ['paper', 'live'] as const) {
        const db = openSqlite(ledgerPath(dir.path, mode), { readOnly: true });
        expect(path.basename(db.name)).toBe(`ledger-${mode}.sqlite`);
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
        expect(db.prepare(`SELECT value FROM meta WHERE key = 'mode'`).pluck().get()).toBe(mode);
        db.close();
      }
    });

    it('fsyncs every commit for live and only at checkpoints for paper', () => {
      const live = Ledger.openInDir(dir.path, { mode: 'live', clock });
      expect(live.durability()).toEqual({ journalMode: 'wal', synchronous: 'full' });
      expect(ledger.durability()).toEqual({ journalMode: 'wal', synchronous: 'normal' });
      live.close();
    });

    it('refuses to open the other mode\'s file, and leaves it untouched', () => {
      ledger.close();
      copyFileSync(ledgerPath(dir.path, 'paper'), ledgerPath(dir.path, 'live'));
      const before = readFileSync(ledgerPath(dir.path, 'live'));
      expect(() => Ledger.openInDir(dir.path, { mode: 'live', clock })).toThrow(/belongs to paper trading/);
      expect(readFileSync(ledgerPath(dir.path, 'live')).equals(before)).toBe(true);
      ledger = Ledger.openInDir(dir.path, { mode: 'paper', clock });
    });

    it('refuses a file from a newer ArbDesk instead of migrating it backwards', () => {
      ledger.close();
      const db = openSqlite(ledgerPath(dir.path, 'paper'));
      db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      db.close();
      let error: unknown;
      try {
        Ledger.openInDir(dir.path, { mode: 'paper', clock });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(LedgerError);
      expect((error as LedgerError).code).toBe('schema_too_new');
      const again = openSqlite(ledgerPath(dir.path, 'paper'));
      again.pragma(`user_version = ${SCHEMA_VERSION}`);
      again.close();
      ledger = Ledger.openInDir(dir.path, { mode: 'paper', clock });
    });

    it('names the file when it is not a database', () => {
      ledger.close();
      const file = path.join(dir.path, 'junk.sqlite');
      writeFileSync(file, 'not a database at all, just text'.repeat(100));
      expect(() => Ledger.open(file, { mode: 'paper', clock })).toThrow(/junk\.sqlite/);
      ledger = Ledger.openInDir(dir.path, { mode: 'paper', clock });
    });
  });

  describe('baskets and orders', () => {
    beforeEach(() => {
      ledger.createBasket(crossBasket('b1'));
    });

    it('records a basket with its legs and empty positions', () => {
      const b = ledger.basketPositions('b1')!;
      expect(b.basket).toMatchObject({ strategy: 'cross_venue', size: '10', payoutPerUnit: '1', settledAt: null });
      expect(b.legs.map((l) => [l.leg.venue, l.leg.market, l.leg.outcome])).toEqual([['polymarket', PM, 'yes'], ['kalshi', KX, 'no']]);
      expect(b.legs.every((l) => l.state.held.isZero())).toBe(true);
    });

    it('refuses a malformed basket, naming the field, and writes nothing', () => {
      const bad = (patch: object) => () => ledger.createBasket({ ...crossBasket('b2'), ...patch });
      expect(bad({ legs: [{ venue: 'kalshi', market: PM, title: 't', outcome: 'yes', plannedQty: '1', limitPrice: '0.5' }] })).toThrow(/basket\.legs\[0\]\.market/);
      expect(bad({ payoutPerUnit: '0' })).toThrow(/basket\.payoutPerUnit: must be greater than zero/);
      expect(bad({ size: 5 })).toThrow(/basket\.size/);
      expect(bad({ strategy: 'magic' })).toThrow(/basket\.strategy/);
      expect(() => ledger.createBasket(crossBasket('b1'))).toThrow(/already exists/);
      expect(ledger.basket('b2')).toBeNull();
      expect(ledger.basketIds()).toEqual(['b1']);
    });

    it('writes the intent before the send, then follows acks, fills and the final status', () => {
      const cid = newClientOrderId();
      expect(cid).toMatch(/^[0-9a-f-]{36}$/);
      const o = intent(cid);
      expect(o).toMatchObject({ status: 'intent', final: false, venue: 'polymarket', market: PM, outcome: 'yes', qty: '10', filledQty: '0' });
      expect(ledger.pendingOrders().map((p) => p.clientOrderId)).toEqual([cid]);

      clock.advance(5);
      expect(ledger.recordAck(cid, { venueOrderId: '0xhash' })).toMatchObject({ status: 'acked', venueOrderId: '0xhash' });
      expect(ledger.orderByVenueOrderId('polymarket', '0xhash')?.clientOrderId).toBe(cid);
      ledger.recordFill({ venue: 'polymarket', venueFillId: 't1', clientOrderId: cid, qty: '4', price: '0.40', fee: '0' });
      expect(ledger.order(cid)).toMatchObject({ status: 'partially_filled', filledQty: '4', final: false });
      ledger.recordFill({ venue: 'polymarket', venueFillId: 't2', clientOrderId: cid, qty: '6', price: '0.39', fee: '0' });
      expect(ledger.order(cid)).toMatchObject({ status: 'filled', filledQty: '10', final: true });
      expect(ledger.pendingOrders()).toEqual([]);
      expect(ledger.markOrderFinal(cid, 'filled').status).toBe('filled');
      expect(ledger.orderEvents(cid).map((e) => e.status)).toEqual(['intent', 'acked', 'partially_filled', 'filled']);
    });

    it('an IOC that fills partly ends cancelled, keeping what filled', () => {
      intent('c1');
      ledger.recordAck('c1');
      ledger.recordFill({ venue: 'polymarket', venueFillId: 't1', clientOrderId: 'c1', qty: '3', price: '0.40', fee: '0' });
      const o = ledger.markOrderFinal('c1', 'cancelled', 'IOC remainder cancelled');
      expect(o).toMatchObject({ status: 'cancelled', final: true, filledQty: '3', reason: 'IOC remainder cancelled' });
    });

    it('refuses to contradict a final status, and ignores a late ack', () => {
      intent('c1');
      ledger.recordReject('c1', 'INVALID_ORDER_MIN_SIZE');
      expect(() => ledger.markOrderFinal('c1', 'filled')).toThrow(/already rejected/);
      expect(ledger.recordAck('c1').status).toBe('rejected');
      expect(ledger.orderEvents('c1').map((e) => e.status)).toEqual(['intent', 'rejected']);
    });

    it('marks a send with an unknown outcome for reconciliation, still pending', () => {
      intent('c1');
      expect(ledger.markOrderUnknown('c1', 'timeout after 5 s').status).toBe('unknown');
      expect(ledger.pendingOrders().map((o) => [o.clientOrderId, o.status])).toEqual([['c1', 'unknown']]);
      expect(ledger.recordAck('c1', { venueOrderId: 'k-1' }).status).toBe('acked');
    });

    it('refuses an intent for a leg that does not exist or a duplicate client id', () => {
      expect(() => intent('c1', 'b1', 7)).toThrow(/has no leg 7/);
      expect(() => intent('c1', 'nope', 0)).toThrow(/basket "nope" has no leg 0/);
      intent('c1');
      expect(() => intent('c1')).toThrow(/already exists/);
      expect(ledger.pendingOrders()).toHaveLength(1);
    });
  });

  describe('fills', () => {
    beforeEach(() => {
      ledger.createBasket(crossBasket('b1'));
      intent('c1');
    });
    const fill = (id: string, q = '10', p = '0.40', fee = '0.02') => ledger.recordFill({ venue: 'polymarket', venueFillId: id, clientOrderId: 'c1', qty: q, price: p, fee });

    it('records a fill once: a replay changes nothing', () => {
      expect(fill('t1').status).toBe('recorded');
      const before = ledger.basketPositions('b1')!.legs[0]!.state;
      expect(fill('t1')).toMatchObject({ status: 'duplicate' });
      const after = ledger.basketPositions('b1')!.legs[0]!.state;
      expect(after.held.toFixed()).toBe(before.held.toFixed());
      expect(after.fees.toFixed()).toBe('0.02');
      expect(ledger.fillsOfOrder('c1')).toHaveLength(1);
      expect(ledger.order('c1')?.filledQty).toBe('10');
    });

    it('reports a replay with different figures as a conflict and keeps the first', () => {
      fill('t1', '4');
      const r = fill('t1', '5');
      expect(r.status).toBe('conflict');
      expect(r.status === 'conflict' && r.reason).toMatch(/recorded as 4 @ 0\.4/);
      expect(ledger.order('c1')?.filledQty).toBe('4');
    });

    it('refuses a fill for an unknown order, a float, or the wrong venue, writing nothing', () => {
      expect(() => ledger.recordFill({ venue: 'polymarket', venueFillId: 'x', clientOrderId: 'ghost', qty: '1', price: '0.4', fee: '0' })).toThrow(/no order "ghost"/);
      expect(() => ledger.recordFill({ venue: 'polymarket', venueFillId: 'x', clientOrderId: 'c1', qty: 1 as unknown as string, price: '0.4', fee: '0' })).toThrow(/fill\.qty/);
      expect(() => ledger.recordFill({ venue: 'kalshi', venueFillId: 'x', clientOrderId: 'c1', qty: '1', price: '0.4', fee: '0' })).toThrow(/went to polymarket/);
      expect(() => ledger.recordFill({ venue: 'polymarket', venueFillId: 'x', clientOrderId: 'c1', qty: '1', price: '1.5', fee: '0' })).toThrow(/fill\.price/);
      expect(() => ledger.recordFill({ venue: 'polymarket', venueFillId: 'x', clientOrderId: 'c1', qty: '1', price: '0.4', fee: '0', venueTime: 1.5 })).toThrow(/fill\.venueTime/);
      expect(ledger.fillsOfOrder('c1')).toEqual([]);
      expect(ledger.order('c1')?.status).toBe('intent');
    });

    it('records an over-fill, flagged, rather than losing it', () => {
      const r = fill('t1', '12');
      expect(r.status === 'recorded' && r.overfilled).toBe(true);
      expect(ledger.basketPositions('b1')!.legs[0]!.state.held.toFixed()).toBe('12');
    });

    it('stores every amount as exact decimal text, never a float', () => {
      fill('t1', '3.33', '0.4123', '0.01');
      const db = raw();
      const types = db.prepare(`SELECT typeof(qty) q, typeof(price) p, typeof(fee) f FROM fills`).get();
      expect(types).toEqual({ q: 'text', p: 'text', f: 'text' });
      expect(db.prepare(`SELECT held_cost FROM positions WHERE basket_id = 'b1' AND leg_index = 0`).pluck().get()).toBe('1.372959');
      db.close();
    });

    it('a sale books realised P&L against the average cost', () => {
      fill('t1', '10', '0.40', '0.10');
      intent('s1', 'b1', 0, '3', 'sell');
      const realised: string[] = [];
      ledger.onDidRealise((r) => realised.push(`${r.kind} ${r.delta.toFixed()} basket ${r.basketRealised.toFixed()}`));
      const r = ledger.recordFill({ venue: 'polymarket', venueFillId: 't2', clientOrderId: 's1', qty: '3', price: '0.35', fee: '0.02' });
      expect(r.status === 'recorded' && r.realised).toBe('-0.2');
      expect(realised).toEqual(['sale -0.2 basket -0.2']);
      expect(ledger.realisedSince(0).toFixed()).toBe('-0.2');
    });

    it('emits the holding change after the commit, for the breaker', () => {
      const seen: string[] = [];
      ledger.onDidChangeHolding((h) => seen.push(`${h.market} ${h.outcome} ${h.held.toFixed()} ${h.cost.toFixed()}`));
      fill('t1', '10', '0.40', '0.02');
      expect(seen).toEqual([`${PM} yes 10 4`]);
    });
  });

  describe('settlement', () => {
    beforeEach(() => {
      ledger.createBasket(crossBasket('b1'));
      fillLeg(ledger, 'b1', 0, 'buy', '10', '0.40');
      fillLeg(ledger, 'b1', 1, 'buy', '10', '0.50', '0.18');
    });

    it('waits for both venues, then realises the basket: 10 − 9.18 = 0.82', () => {
      const first = ledger.recordSettlement({ venue: 'polymarket', market: PM, yesValue: '1', settledAt: clock.now(), source: 'test' });
      expect(first).toMatchObject({ status: 'recorded', basketsSettled: [], basketsTouched: ['b1'] });
      expect(ledger.realisedSince(0).toFixed()).toBe('0');
      clock.advance(60_000);
      const realisations: string[] = [];
      ledger.onDidRealise((r) => realisations.push(`${r.basketId} ${r.kind} ${r.delta.toFixed()}`));
      const second = ledger.recordSettlement({ venue: 'kalshi', market: KX, yesValue: '1', settledAt: clock.now(), source: 'test' });
      expect(second).toMatchObject({ status: 'recorded', basketsSettled: ['b1'] });
      expect(realisations).toEqual(['b1 settlement 0.82']);
      expect(ledger.basket('b1')?.settledAt).toBe(clock.now());
      expect(ledger.openHoldings()).toEqual([]);
    });

    it('records a result once and refuses a contradicting one', () => {
      ledger.recordSettlement({ venue: 'kalshi', market: KX, yesValue: '0', settledAt: 1, source: 'a' });
      expect(ledger.recordSettlement({ venue: 'kalshi', market: KX, yesValue: '0', settledAt: 2, source: 'b' }).status).toBe('duplicate');
      const c = ledger.recordSettlement({ venue: 'kalshi', market: KX, yesValue: '1', settledAt: 2, source: 'b' });
      expect(c.status).toBe('conflict');
      expect(ledger.settlement(KX)?.yesValue).toBe('0');
    });

    it('refuses a settlement for a market of another venue', () => {
      expect(() => ledger.recordSettlement({ venue: 'kalshi', market: PM, yesValue: '1', settledAt: 1, source: 'x' })).toThrow(/settlement\.market/);
    });
  });

  describe('activity and durability', () => {
    it('persists activity entries', () => {
      ledger.appendActivity({ id: 1, at: clock.now(), kind: 'trip', level: 'warn', venue: null, message: 'Breaker tripped', ref: null });
      ledger.appendActivity({ id: 2, at: clock.now() + 1, kind: 'fill', level: 'info', venue: 'kalshi', message: 'Filled', ref: 'c1' });
      expect(ledger.recentActivity(10).map((a) => [a.kind, a.venue, a.message])).toEqual([['fill', 'kalshi', 'Filled'], ['trip', null, 'Breaker tripped']]);
    });

    it('keeps everything committed when closed without cleanup, and lists pending orders by client id', () => {
      ledger.createBasket(crossBasket('b1'));
      fillLeg(ledger, 'b1', 0, 'buy', '10', '0.40');
      intent('pending-1', 'b1', 1);
      // A second connection sees it all before any close, checkpoint or cleanup.
      const again = Ledger.openInDir(dir.path, { mode: 'paper', clock });
      expect(again.pendingOrders().map((o) => [o.clientOrderId, o.status])).toEqual([['pending-1', 'intent']]);
      expect(again.basketPositions('b1')!.legs[0]!.state.held.toFixed()).toBe('10');
      again.close();
    });

    it('a failed write leaves nothing half-written', () => {
      ledger.createBasket(crossBasket('b1'));
      intent('c1');
      // A trigger makes the position update fail after the fill row was inserted: all of it must roll back.
      const db = openSqlite(ledgerPath(dir.path, 'paper'));
      db.exec(`CREATE TRIGGER refuse_positions BEFORE UPDATE ON positions BEGIN SELECT RAISE(ABORT, 'disk says no'); END;`);
      db.close();
      expect(() => ledger.recordFill({ venue: 'polymarket', venueFillId: 't1', clientOrderId: 'c1', qty: '5', price: '0.40', fee: '0' })).toThrow(/disk says no/);
      expect(ledger.fillsOfOrder('c1')).toEqual([]);
      expect(ledger.order('c1')).toMatchObject({ status: 'intent', filledQty: '0' });
      const db2 = openSqlite(ledgerPath(dir.path, 'paper'));
      db2.exec('DROP TRIGGER refuse_positions');
      db2.close();
      expect(ledger.recordFill({ venue: 'polymarket', venueFillId: 't1', clientOrderId: 'c1', qty: '5', price: '0.40', fee: '0' }).status).toBe('recorded');
    });
  });
});
