/** Formats an exact decimal string as dollars without going through a binary float for the digits. */
export function formatUsd(value: string, { sign = false, decimals = 2 } = {}): string {
  const negative = value.startsWith('-');
  const [whole = '0', frac = ''] = value.replace(/^[-+]/, '').split('.');
  const rounded = roundDecimal(whole, frac, decimals);
  const isZero = /^0*(\.0*)?$/.test(rounded);
  const prefix = negative && !isZero ? '−' : sign && !isZero ? '+' : '';
  return `${prefix}$${rounded}`;
}

function roundDecimal(whole: string, frac: string, decimals: number): string {
  const padded = (frac + '0'.repeat(decimals + 1)).slice(0, decimals + 1);
  let digits = (whole.replace(/^0+(?=\d)/, '') + padded.slice(0, decimals)).split('').map(Number);
  if ((padded[decimals] ?? '0') >= '5') {
    let i = digits.length - 1;
    while (i >= 0) {
      if (digits[i]! < 9) {
        digits[i]! += 1;
        break;
      }
      digits[i] = 0;
      i--;
    }
    if (i < 0) digits = [1, ...digits];
  }
  const s = digits.join('');
  const intPart = s.slice(0, s.length - decimals) || '0';
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return decimals > 0 ? `${grouped}.${s.slice(s.length - decimals)}` : grouped;
}

export function signOf(value: string): -1 | 0 | 1 {
  if (/^-?0*(\.0*)?$/.test(value)) return 0;
  return value.startsWith('-') ? -1 : 1;
}

export function formatTime(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour12: false });
}

export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

/** "Sep 12, 2031, 19:00 EDT · 23:00 UTC": a close time in the trader's zone, named, and in UTC. */
export function formatCloseTime(ms: number, timeZone?: string): string {
  const local = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short', timeZone }).format(ms);
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone === 'UTC' || zone === 'Etc/UTC') return local;
  const utc = new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(ms);
  return `${local} · ${utc} UTC`;
}

/** "in 42 d 3 h", "in 3 h 12 min", "in 45 s"; "2 h ago" once past. */
export function formatUntil(ms: number, now: number): string {
  const d = ms - now;
  const past = d < 0;
  const s = Math.floor(Math.abs(d) / 1000);
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const text = days > 0 ? `${days} d ${hours} h` : hours > 0 ? `${hours} h ${minutes} min` : minutes > 0 ? `${minutes} min` : `${s} s`;
  return past ? `${text} ago` : `in ${text}`;
}
