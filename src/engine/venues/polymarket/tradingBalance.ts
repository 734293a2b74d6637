// Polymarket GET /balance-allowance?asset_type=COLLATERAL → cash and allowance. The published spec
// (polymarket-clob.openapi.yaml, BalanceAllowanceResponse) requires `balance`, "fixed-math with 6
// decimals" as a string, and `allowances`, a map of spender address → amount (strings); the
// official client (clob-client-v2 types/clob BalanceAllowanceResponse) agrees. A BUY needs both
// the pUSD and an allowance to the exchange contract its order is signed for (orderSigning.ts
// exchangeDomain: the V2 exchange, the neg-risk V2 exchange, or V3). A spender missing from the map
// has no allowance.
import { formatAmount } from './amounts';
import { exchangeDomain, type ExchangeChoice } from './orderSigning';

/** The largest ERC-20 approval (2^256 − 1) and anything near it: never the limit. */
const UNLIMITED_FROM = 2n ** 128n;

export interface Collateral {
  /** pUSD in 10^-6 units. */
  balance: bigint;
  /** Spender (lower-case address) → allowance in 10^-6 units. */
  allowances: ReadonlyMap<string, bigint>;
}

function units(v: unknown, field: string): bigint {
  if (typeof v === 'string' && /^\d{1,80}$/.test(v)) return BigInt(v);
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  throw new Error(`Polymarket GET /balance-allowance: ${field} ${JSON.stringify(v)} is not an integer amount`);
}

export function collateralOf(raw: unknown): Collateral {
  if (typeof raw !== 'object' || raw === null) throw new Error('Polymarket GET /balance-allowance: the answer is not an object');
  const r = raw as { balance?: unknown; allowances?: unknown };
  const balance = units(r.balance, 'balance');
  if (balance >= UNLIMITED_FROM) throw new Error(`Polymarket GET /balance-allowance: balance ${String(r.balance)} is not a wallet balance`);
  const allowances = new Map<string, bigint>();
  if (r.allowances !== undefined && r.allowances !== null) {
    if (typeof r.allowances !== 'object' || Array.isArray(r.allowances)) throw new Error('Polymarket GET /balance-allowance: allowances is not a map of spender to amount');
    for (const [spender, amount] of Object.entries(r.allowances as Record<string, unknown>)) allowances.set(spender.toLowerCase(), units(amount, `allowances.${spender}`));
  }
  return { balance, allowances };
}

/** The exchange contract an order on a market with this choice draws pUSD through. */
export function spenderOf(chainId: number, choice: ExchangeChoice): string {
  return String(exchangeDomain(chainId, choice).verifyingContract).toLowerCase();
}

/** Allowance to one spender in 10^-6 units; null when unlimited. */
export function allowanceTo(c: Collateral, spender: string): bigint | null {
  const a = c.allowances.get(spender.toLowerCase()) ?? 0n;
  return a >= UNLIMITED_FROM ? null : a;
}

/** The smallest allowance among these spenders, as dollars or "unlimited". */
export function allowanceText(c: Collateral, spenders: Iterable<string>): string {
  let least: bigint | null = null;
  let any = false;
  for (const s of spenders) {
    any = true;
    const a = allowanceTo(c, s);
    if (a !== null && (least === null || a < least)) least = a;
  }
  if (!any) return '0';
  return least === null ? 'unlimited' : formatAmount(least);
}
