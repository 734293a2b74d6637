import type { VenueBalance } from '../../../shared/contract';
import { formatTime } from '../format';

/** Dollars as the trader reads them, cut (never rounded up) to the cent: "1,234.56". */
export function cashText(value: string): string {
  const negative = value.startsWith('-');
  const [whole = '0', frac = ''] = value.replace(/^[-+]/, '').split('.');
  const grouped = (whole.replace(/^0+(?=\d)/, '') || '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '−' : ''}$${grouped}.${(frac + '00').slice(0, 2)}`;
}

export interface BalanceLabel {
  /** "$1,234.56", "$980.00 (allowance $500.00)", or "—" when never read. */
  text: string;
  /** When it was read, what is paper, why it is stale. */
  title: string;
  stale: boolean;
}

/** One venue's cash for the header and the Venues pane; unknown and stale figures say so. */
export function balanceLabel(name: string, b: VenueBalance | undefined): BalanceLabel {
  if (!b || b.available === null) {
    return { text: '—', title: `${name} balance unknown${b?.error ? `: ${b.error}` : ''}`, stale: true };
  }
  const allowance = b.allowance === undefined || b.allowance === null || b.allowance === 'unlimited' ? '' : ` (allowance ${cashText(b.allowance)})`;
  const text = `${cashText(b.available)}${allowance}`;
  const parts = [`${name}${b.source === 'paper' ? ' paper' : ''} cash available: ${text}`];
  if (b.allowance === 'unlimited') parts.push('allowance unlimited');
  if (b.portfolioValue) parts.push(`positions worth ${cashText(b.portfolioValue)}`);
  if (b.readAt !== null) parts.push(`read ${formatTime(b.readAt)}`);
  if (b.error) parts.push(`last read failed: ${b.error}`);
  else if (b.stale) parts.push('stale: not read recently');
  return { text, title: parts.join(' · '), stale: b.stale };
}
