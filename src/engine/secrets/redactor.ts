// The last line of defence for venue keys: every activity entry and every log line passes through
// a Redactor. It knows the secrets this process has read or stored (RedactingSecretStore adds them)
// and, whatever it knows, blanks any PEM private-key block. Values are held only in memory.

const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
const REDACTED = '[redacted]';
/** Shorter fragments would blank ordinary words; every real key is far longer. */
const MIN_FRAGMENT = 16;

export class Redactor {
  private readonly fragments = new Set<string>();
  private pattern: RegExp | null = null;

  /** Remembers a secret: the value itself, its unprefixed hex form, and each line of a PEM body. */
  add(secret: string): void {
    const value = secret.trim();
    const parts = [value];
    if (/^0x[0-9a-fA-F]+$/.test(value)) parts.push(value.slice(2));
    if (value.includes('-----BEGIN')) parts.push(...value.split(/\r?\n/).map((l) => l.trim()).filter((l) => !l.startsWith('-----')));
    let grew = false;
    for (const p of parts) {
      if (p.length >= MIN_FRAGMENT && !this.fragments.has(p)) {
        this.fragments.add(p);
        grew = true;
      }
    }
    if (grew) this.pattern = new RegExp([...this.fragments].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'gi');
  }

  redact(text: string): string {
    let out = text.replace(PEM_BLOCK, REDACTED);
    if (this.pattern) out = out.replace(this.pattern, REDACTED);
    return out;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
