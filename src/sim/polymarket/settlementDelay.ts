// The `settle` fault: shares a wallet bought are its own at once (balances, positions and trades
// say so), but the CLOB lets them be sold only once the trade has settled. On the venue a SELL
// sent right after a matched BUY is refused with 400 "not enough balance / allowance" for a while,
// and GET /balance-allowance (CONDITIONAL) does not show the shares yet (Polymarket/py-clob-client
// issues #290 and #287: "retrying the exact same sell order fails 3–10 times, then suddenly
// works"; GET /balance-allowance/update forces a refresh from the chain). Kept apart from the
// exchange so the exchange only asks how much of a token is still settling.
import type { PolyAccount } from './types';

interface Settling {
  tokenId: string;
  qty: number;
  /** Wall ms after which the shares may be sold. */
  until: number;
}

export class SettlementDelay {
  private readonly settling = new WeakMap<PolyAccount, Settling[]>();

  constructor(private readonly now: () => number) {}

  /** `qty` (base units) of `tokenId` just bought by `account`: sellable only after `delayMs`. */
  bought(account: PolyAccount, tokenId: string, qty: number, delayMs: number): void {
    if (delayMs <= 0 || qty <= 0) return;
    const list = this.settling.get(account) ?? [];
    list.push({ tokenId, qty, until: this.now() + delayMs });
    this.settling.set(account, list);
  }

  /** Base units of the token the account holds but cannot sell yet. */
  unsettled(account: PolyAccount, tokenId: string): number {
    const list = this.settling.get(account);
    if (!list) return 0;
    const now = this.now();
    let total = 0;
    for (let i = list.length - 1; i >= 0; i--) {
      const s = list[i]!;
      if (s.until <= now) list.splice(i, 1);
      else if (s.tokenId === tokenId) total += s.qty;
    }
    return total;
  }
}
