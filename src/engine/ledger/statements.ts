import type { SqliteDatabase } from './database';
import type { ActivityRow, BasketLegRow, BasketOutcomeRow, BasketRow, FillRow, OrderRow, PositionRow, SettlementRow } from './rows';

export type PositionWithLeg = PositionRow & { venue: string; market: string; outcome: string };

/** Every statement the ledger runs, prepared once when the file is opened. */
export function prepareStatements(db: SqliteDatabase) {
  return {
    basket: db.prepare<[string], BasketRow>('SELECT * FROM baskets WHERE id = ?'),
    basketIds: db.prepare<[], { id: string }>('SELECT id FROM baskets ORDER BY created_at, rowid'),
    insertBasket: db.prepare<[BasketRow]>(
      `INSERT INTO baskets (id, execution_id, opportunity_id, strategy, size, payout_per_unit, created_at, settled_at)
       VALUES (@id, @execution_id, @opportunity_id, @strategy, @size, @payout_per_unit, @created_at, @settled_at)`,
    ),
    settleBasket: db.prepare<[number, string]>('UPDATE baskets SET settled_at = ? WHERE id = ?'),
    leg: db.prepare<[string, number], BasketLegRow>('SELECT * FROM basket_legs WHERE basket_id = ? AND leg_index = ?'),
    legsOfBasket: db.prepare<[string], BasketLegRow>('SELECT * FROM basket_legs WHERE basket_id = ? ORDER BY leg_index'),
    insertLeg: db.prepare<[BasketLegRow]>(
      `INSERT INTO basket_legs (basket_id, leg_index, venue, market, title, outcome, planned_qty, limit_price)
       VALUES (@basket_id, @leg_index, @venue, @market, @title, @outcome, @planned_qty, @limit_price)`,
    ),
    insertPosition: db.prepare<[{ basket_id: string; leg_index: number; updated_at: number }]>(
      'INSERT INTO positions (basket_id, leg_index, updated_at) VALUES (@basket_id, @leg_index, @updated_at)',
    ),
    position: db.prepare<[string, number], PositionRow>('SELECT * FROM positions WHERE basket_id = ? AND leg_index = ?'),
    positionsOfBasket: db.prepare<[string], PositionRow>('SELECT * FROM positions WHERE basket_id = ? ORDER BY leg_index'),
    updatePosition: db.prepare<[PositionRow]>(
      `UPDATE positions SET held = @held, held_cost = @held_cost, held_fees = @held_fees, bought = @bought,
         buy_cost = @buy_cost, sold = @sold, proceeds = @proceeds, fees = @fees, realised = @realised,
         settled_value = @settled_value, updated_at = @updated_at
       WHERE basket_id = @basket_id AND leg_index = @leg_index`,
    ),
    openPositionsInMarket: db.prepare<[string], PositionWithLeg>(
      `SELECT p.*, l.venue, l.market, l.outcome FROM positions p
       JOIN basket_legs l ON l.basket_id = p.basket_id AND l.leg_index = p.leg_index
       WHERE l.market = ? AND p.settled_value IS NULL`,
    ),
    allPositions: db.prepare<[], PositionWithLeg>(
      `SELECT p.*, l.venue, l.market, l.outcome FROM positions p
       JOIN basket_legs l ON l.basket_id = p.basket_id AND l.leg_index = p.leg_index`,
    ),
    basketOutcome: db.prepare<[string], BasketOutcomeRow>('SELECT * FROM basket_outcomes WHERE basket_id = ?'),
    insertBasketOutcome: db.prepare<[BasketOutcomeRow]>(
      `INSERT INTO basket_outcomes (basket_id, settled_at, outcome, payout, expected, capital, realised)
       VALUES (@basket_id, @settled_at, @outcome, @payout, @expected, @capital, @realised)`,
    ),
    openHoldings: db.prepare<[], PositionWithLeg>(
      `SELECT p.*, l.venue, l.market, l.outcome FROM positions p
       JOIN basket_legs l ON l.basket_id = p.basket_id AND l.leg_index = p.leg_index
       WHERE p.settled_value IS NULL AND p.held != '0'`,
    ),
    order: db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE client_order_id = ?'),
    orderByVenueId: db.prepare<[string, string], OrderRow>('SELECT * FROM orders WHERE venue = ? AND venue_order_id = ?'),
    pendingOrders: db.prepare<[], OrderRow>('SELECT * FROM orders WHERE is_final = 0 ORDER BY created_at, rowid'),
    ordersOfBasket: db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE basket_id = ? ORDER BY created_at, rowid'),
    insertOrder: db.prepare<[OrderRow]>(
      `INSERT INTO orders (client_order_id, basket_id, leg_index, venue, market, outcome, side, purpose, time_in_force,
         qty, limit_price, status, is_final, venue_order_id, filled_qty, reason, created_at, updated_at)
       VALUES (@client_order_id, @basket_id, @leg_index, @venue, @market, @outcome, @side, @purpose, @time_in_force,
         @qty, @limit_price, @status, @is_final, @venue_order_id, @filled_qty, @reason, @created_at, @updated_at)`,
    ),
    updateOrder: db.prepare<[OrderRow]>(
      `UPDATE orders SET status = @status, is_final = @is_final, venue_order_id = @venue_order_id,
         filled_qty = @filled_qty, reason = @reason, updated_at = @updated_at
       WHERE client_order_id = @client_order_id`,
    ),
    insertOrderEvent: db.prepare<[{ client_order_id: string; at: number; status: string; detail: string | null }]>(
      'INSERT INTO order_events (client_order_id, at, status, detail) VALUES (@client_order_id, @at, @status, @detail)',
    ),
    orderEvents: db.prepare<[string], { at: number; status: string; detail: string | null }>(
      'SELECT at, status, detail FROM order_events WHERE client_order_id = ? ORDER BY id',
    ),
    fill: db.prepare<[string, string], FillRow>('SELECT * FROM fills WHERE venue = ? AND venue_fill_id = ?'),
    fillsOfOrder: db.prepare<[string], FillRow>('SELECT * FROM fills WHERE client_order_id = ? ORDER BY recorded_at, rowid'),
    insertFill: db.prepare<[FillRow]>(
      `INSERT INTO fills (venue, venue_fill_id, client_order_id, qty, price, fee, venue_time, recorded_at)
       VALUES (@venue, @venue_fill_id, @client_order_id, @qty, @price, @fee, @venue_time, @recorded_at)`,
    ),
    insertPnl: db.prepare<[{ at: number; basket_id: string; leg_index: number; venue: string; kind: string; amount: string }]>(
      'INSERT INTO pnl (at, basket_id, leg_index, venue, kind, amount) VALUES (@at, @basket_id, @leg_index, @venue, @kind, @amount)',
    ),
    pnlSince: db.prepare<[number], { amount: string }>('SELECT amount FROM pnl WHERE at >= ?'),
    settlement: db.prepare<[string], SettlementRow>('SELECT * FROM settlements WHERE market = ?'),
    insertSettlement: db.prepare<[SettlementRow]>(
      `INSERT INTO settlements (market, venue, yes_value, settled_at, source, recorded_at)
       VALUES (@market, @venue, @yes_value, @settled_at, @source, @recorded_at)`,
    ),
    insertActivity: db.prepare<[Omit<ActivityRow, 'id'>]>(
      'INSERT INTO activity (at, kind, level, venue, message, ref) VALUES (@at, @kind, @level, @venue, @message, @ref)',
    ),
    recentActivity: db.prepare<[number], ActivityRow>('SELECT * FROM activity ORDER BY id DESC LIMIT ?'),
  };
}
