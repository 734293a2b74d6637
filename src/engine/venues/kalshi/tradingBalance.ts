// Kalshi GET /portfolio/balance → AccountBalance. The published spec (kalshi.openapi.yaml,
// GetBalanceResponse) requires `balance` and `portfolio_value` as integer cents and `updated_ts`;
// the official SDK (kalshi-typescript 3.30, GetBalanceResponse) adds `balance_dollars`, a
// fixed-point dollar string with up to 6 decimals. The dollar string is preferred (it carries
// sub-cent amounts); an answer without it is read from the cents.
import { Money } from '../../../shared/money';
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
    available = new Money(text).toFixed();
  } else {
    available = cents(r.balance, 'balance');
  }
  const portfolioValue = r.portfolio_value === undefined || r.portfolio_value === null ? null : cents(r.portfolio_value, 'portfolio_value');
  return { available, portfolioValue };
}
