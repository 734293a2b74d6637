// The ledger's schema, as numbered migrations. `PRAGMA user_version` holds the version applied;
// each migration runs in one transaction with the version bump, so a crash never leaves a file
// half-migrated. Money, prices and sizes are TEXT holding exact decimal strings (never REAL).
// Times are INTEGER milliseconds since the epoch.

export interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE baskets (
        id              TEXT PRIMARY KEY,
        execution_id    TEXT,
        opportunity_id  TEXT,
        strategy        TEXT NOT NULL,
        size            TEXT NOT NULL,
        payout_per_unit TEXT NOT NULL,
        created_at      INTEGER NOT NULL,
        settled_at      INTEGER
      ) STRICT;

      CREATE TABLE basket_legs (
        basket_id   TEXT NOT NULL REFERENCES baskets(id),
        leg_index   INTEGER NOT NULL,
        venue       TEXT NOT NULL,
        market      TEXT NOT NULL,
        title       TEXT NOT NULL,
        outcome     TEXT NOT NULL CHECK (outcome IN ('yes', 'no')),
        planned_qty TEXT NOT NULL,
        limit_price TEXT NOT NULL,
        PRIMARY KEY (basket_id, leg_index)
      ) STRICT;
      CREATE INDEX basket_legs_market ON basket_legs(market);

      -- One row per basket leg: the position it holds and its P&L (see positions/accounting.ts).
      CREATE TABLE positions (
        basket_id     TEXT NOT NULL,
        leg_index     INTEGER NOT NULL,
        held          TEXT NOT NULL DEFAULT '0',
        held_cost     TEXT NOT NULL DEFAULT '0',
        held_fees     TEXT NOT NULL DEFAULT '0',
        bought        TEXT NOT NULL DEFAULT '0',
        buy_cost      TEXT NOT NULL DEFAULT '0',
        sold          TEXT NOT NULL DEFAULT '0',
        proceeds      TEXT NOT NULL DEFAULT '0',
        fees          TEXT NOT NULL DEFAULT '0',
        realised      TEXT NOT NULL DEFAULT '0',
        settled_value TEXT,
        updated_at    INTEGER NOT NULL,
        PRIMARY KEY (basket_id, leg_index),
        FOREIGN KEY (basket_id, leg_index) REFERENCES basket_legs(basket_id, leg_index)
      ) STRICT;
      CREATE INDEX positions_open ON positions(basket_id) WHERE settled_value IS NULL;

      CREATE TABLE orders (
        client_order_id TEXT PRIMARY KEY,
        basket_id       TEXT NOT NULL,
        leg_index       INTEGER NOT NULL,
        venue           TEXT NOT NULL,
        market          TEXT NOT NULL,
        outcome         TEXT NOT NULL,
        side            TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        purpose         TEXT NOT NULL,
        time_in_force   TEXT NOT NULL,
        qty             TEXT NOT NULL,
        limit_price     TEXT NOT NULL,
        status          TEXT NOT NULL,
        is_final        INTEGER NOT NULL DEFAULT 0,
        venue_order_id  TEXT,
        filled_qty      TEXT NOT NULL DEFAULT '0',
        reason          TEXT,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        FOREIGN KEY (basket_id, leg_index) REFERENCES basket_legs(basket_id, leg_index)
      ) STRICT;
      CREATE INDEX orders_pending ON orders(created_at) WHERE is_final = 0;
      CREATE INDEX orders_basket ON orders(basket_id);
      CREATE INDEX orders_venue_order ON orders(venue, venue_order_id) WHERE venue_order_id IS NOT NULL;

      -- Every status change of every order, in order: the audit trail.
      CREATE TABLE order_events (
        id              INTEGER PRIMARY KEY,
        client_order_id TEXT NOT NULL REFERENCES orders(client_order_id),
        at              INTEGER NOT NULL,
        status          TEXT NOT NULL,
        detail          TEXT
      ) STRICT;

      CREATE TABLE fills (
        venue           TEXT NOT NULL,
        venue_fill_id   TEXT NOT NULL,
        client_order_id TEXT NOT NULL REFERENCES orders(client_order_id),
        qty             TEXT NOT NULL,
        price           TEXT NOT NULL,
        fee             TEXT NOT NULL,
        venue_time      INTEGER,
        recorded_at     INTEGER NOT NULL,
        PRIMARY KEY (venue, venue_fill_id)
      ) STRICT;
      CREATE INDEX fills_order ON fills(client_order_id);

      -- Realised P&L, one row per leg per realising event (a sale, a basket's settlement).
      CREATE TABLE pnl (
        id        INTEGER PRIMARY KEY,
        at        INTEGER NOT NULL,
        basket_id TEXT NOT NULL,
        leg_index INTEGER NOT NULL,
        venue     TEXT NOT NULL,
        kind      TEXT NOT NULL CHECK (kind IN ('sale', 'settlement')),
        amount    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX pnl_at ON pnl(at);

      CREATE TABLE settlements (
        market     TEXT PRIMARY KEY,
        venue      TEXT NOT NULL,
        yes_value  TEXT NOT NULL,
        settled_at INTEGER NOT NULL,
        source     TEXT NOT NULL,
        recorded_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE breaker_state (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        state      TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE breaker_events (
        id        INTEGER PRIMARY KEY,
        at        INTEGER NOT NULL,
        kind      TEXT NOT NULL,
        trip_kind TEXT,
        reason    TEXT NOT NULL,
        detail    TEXT
      ) STRICT;
      CREATE INDEX breaker_trips ON breaker_events(id) WHERE kind = 'trip';

      CREATE TABLE activity (
        id      INTEGER PRIMARY KEY,
        at      INTEGER NOT NULL,
        kind    TEXT NOT NULL,
        level   TEXT NOT NULL,
        venue   TEXT,
        message TEXT NOT NULL,
        ref     TEXT
      ) STRICT;
    `,
  },
  {
    version: 2,
    sql: `
      -- A basket's settlement against what it locked in, written in the transaction that settles it.
      -- outcome: as_expected (paid what the matched units promised), short (paid less: the venues
      -- resolved the linked markets differently), over (paid more).
      CREATE TABLE basket_outcomes (
        basket_id   TEXT PRIMARY KEY REFERENCES baskets(id),
        settled_at  INTEGER NOT NULL,
        outcome     TEXT NOT NULL CHECK (outcome IN ('as_expected', 'short', 'over')),
        payout      TEXT NOT NULL,
        expected    TEXT NOT NULL,
        capital     TEXT NOT NULL,
        realised    TEXT NOT NULL
      ) STRICT;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
