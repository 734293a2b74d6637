// Polymarket GET /balance-allowance?asset_type=COLLATERAL. The published spec
// (shared/reference/upstream/polymarket-clob.openapi.yaml, components.schemas.BalanceAllowanceResponse)
// requires `balance` ("fixed-math with 6 decimals", a string) and `allowances` (spender address →
// amount, strings); the official client agrees (clob-client-v2 dist/types/clob.d.ts
// BalanceAllowanceResponse { balance: string; allowances: Record<string, string> }). Orders are
// signed for the exchange contracts in clob-client-v2 dist/config.js MATIC_CONTRACTS.
import { describe, expect, it } from 'vitest';
import { allowanceText, allowanceTo, collateralOf, spenderOf } from '../../../../src/engine/venues/polymarket/tradingBalance';

const MAX = '115792089237316195423570985008687907853269984665640564039457584007913129639935';
const EXCHANGE_V2 = '0xE111180000d2663C0091e4f400237545B87B996B';
const NEG_RISK_V2 = '0xe2222d279d744050d28e00520010520000310F59';

describe('Polymarket collateral and allowance', () => {
  it('reads pUSD in 10^-6 units: "980000000" is $980', () => {
    const c = collateralOf({ balance: '980000000', allowances: { [EXCHANGE_V2]: '500000000', [NEG_RISK_V2]: MAX } });
    expect(c.balance).toBe(980_000_000n);
    expect(allowanceTo(c, EXCHANGE_V2)).toBe(500_000_000n);
    expect(allowanceTo(c, NEG_RISK_V2)).toBeNull();
    expect(allowanceText(c, [EXCHANGE_V2.toLowerCase(), NEG_RISK_V2.toLowerCase()])).toBe('500');
    expect(allowanceText(c, [NEG_RISK_V2])).toBe('unlimited');
  });

  it('an exchange missing from the map has no allowance', () => {
    const c = collateralOf({ balance: '1', allowances: {} });
    expect(allowanceTo(c, EXCHANGE_V2)).toBe(0n);
    expect(allowanceText(c, [EXCHANGE_V2])).toBe('0');
  });

  it('the order\'s spender is the exchange it is signed for (Polygon: chain 137)', () => {
    expect(spenderOf(137, { negRisk: false, exchange: 'v2' })).toBe(EXCHANGE_V2.toLowerCase());
    expect(spenderOf(137, { negRisk: true, exchange: 'v2' })).toBe(NEG_RISK_V2.toLowerCase());
  });

  it('refuses what it cannot read, naming the field', () => {
    expect(() => collateralOf({ balance: 12.5, allowances: {} })).toThrow(/balance 12\.5/);
    expect(() => collateralOf({ balance: '1.5', allowances: {} })).toThrow(/balance "1\.5"/);
    expect(() => collateralOf({ balance: '1', allowances: { [EXCHANGE_V2]: '-1' } })).toThrow(/allowances\.0xE111/);
    expect(() => collateralOf({ balance: '1', allowances: [] })).toThrow(/allowances is not a map/);
    expect(() => collateralOf({ balance: MAX, allowances: {} })).toThrow(/not a wallet balance/);
  });
});
