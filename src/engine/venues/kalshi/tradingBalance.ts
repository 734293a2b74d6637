// Kalshi GET /portfolio/balance → AccountBalance. The published spec (kalshi.openapi.yaml,
// GetBalanceResponse) requires `balance` and `portfolio_value` as integer cents and `updated_ts`;
// the official SDK (kalshi-typescript 3.30, GetBalanceResponse) adds `balance_dollars`, a
// fixed-point dollar string with up to 6 decimals. The dollar string is preferred (it carries
// sub-cent amounts) and kept as the venue wrote it; an answer without it is read from the cents.
import { Money } from '../../../shared/money';
import { marketRef } from '../../../shared/ids';
import type { Resolution } from '../contribution';
import type { AccountBalance } from '../venue';
import { KalshiProtocolError } from './errors';

const DOLLARS = /^\d{1,15}(\.\d{1,6})?$/;

function cents(v: unknown, field: string): string {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new KalshiProtocolError(`Kalshi GET /portfolio/balance: ${field} ${JSON.stringify(v)} is not a whole number of cents`);
  return new Money(v).div(100).toFixed();
}

export function kalshiBalanceOf(raw: unknown): AccountBalance {
  if (typeof raw !== 'object' || raw === null) throw new KalshiProtocolError('Kalshi GET /portfolio/balance: the answer is not an object');
  const r = raw as { balance?: unknown; balance_dollars?: unknown; portfolio_value?: unknown };
  let available: string;
  if (r.balance_dollars !== undefined && r.balance_dollars !== null) {
    const text = typeof r.balance_dollars === 'string' ? r.balance_dollars.trim() : '';
    if (!DOLLARS.test(text)) throw new KalshiProtocolError(`Kalshi GET /portfolio/balance: balance_dollars ${JSON.stringify(r.balance_dollars)} is not a dollar amount`);
    available = text;
  } else {
    available = cents(r.balance, 'balance');
  }
  const portfolioValue = r.portfolio_value === undefined || r.portfolio_value === null ? null : cents(r.portfolio_value, 'portfolio_value');
  return { available, portfolioValue };
}

/**
 * Kalshi GET /portfolio/settlements → the account's settled markets (kalshi.openapi.yaml,
 * GetSettlementsResponse.settlements[]: Settlement requires `ticker`, `market_result`
 * (yes | no | scalar | void) and `settled_time`, an ISO date-time). Only yes/no results are
 * resolutions the ledger can book; scalar and void ones are returned apart for the trader.
 */
export function kalshiSettlementsOf(raw: unknown, now: number): { resolutions: Resolution[]; other: string[] } {
  const list = (raw as { settlements?: unknown } | null)?.settlements;
  if (!Array.isArray(list)) throw new KalshiProtocolError('Kalshi GET /portfolio/settlements: settlements is not a list');
  const resolutions: Resolution[] = [];
  const other: string[] = [];
  for (const s of list as { ticker?: unknown; market_result?: unknown; settled_time?: unknown }[]) {
    if (typeof s?.ticker !== 'string' || s.ticker === '') throw new KalshiProtocolError(`Kalshi GET /portfolio/settlements: a settlement without a ticker: ${JSON.stringify(s).slice(0, 120)}`);
    const at = typeof s.settled_time === 'string' ? Date.parse(s.settled_time) : NaN;
    if (s.market_result === 'yes' || s.market_result === 'no') {
      resolutions.push({ venue: 'kalshi', market: marketRef('kalshi', s.ticker), result: s.market_result, settledAt: Number.isFinite(at) ? at : now, source: 'kalshi GET /portfolio/settlements' });
    } else {
      other.push(`${s.ticker} settled ${String(s.market_result)}`);
    }
  }
  return { resolutions, other };
}
