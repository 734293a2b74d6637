// What a confirmed link is watched on — each market's rules text, close time, status and dispute
// state — kept with the link as a fingerprint, and the changes between two fingerprints in words.
// A market closing or settling on schedule is its lifecycle, not a change of terms.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { MarketTerms } from '../venues/venue';

export const TermsSchema = z.object({
  /** sha-256 of the rules text, hex. */
  rules: z.string(),
  closeTime: z.number().nullable(),
  status: z.string(),
  dispute: z.string().nullable(),
});
export type Terms = z.infer<typeof TermsSchema>;

export function rulesHash(rules: string): string {
  return createHash('sha256').update(rules).digest('hex');
}

/** `rules`: the rules text's hash when the caller already has it. */
export function fingerprint(t: MarketTerms, rules = rulesHash(t.rules)): Terms {
  return { rules, closeTime: t.closeTime, status: t.status, dispute: t.dispute };
}

/**
 * The baseline with a dispute state it did not know filled in from `now`: a state first seen is
 * learned (no change); once known, a move to another known state is a change, and a read that
 * does not say (unknown) keeps what was known. Returns `before` itself when nothing was learned.
 */
export function learnDispute(before: Terms, now: Terms): Terms {
  return before.dispute === null && now.dispute !== null ? { ...before, dispute: now.dispute } : before;
}

function when(ms: number | null): string {
  return ms === null ? 'none' : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The changes from `before` to `after`, each a phrase naming the venue ("Polymarket rules text changed"). */
export function termChanges(venue: string, before: Terms, after: Terms, now: number): string[] {
  const out: string[] = [];
  if (before.rules !== after.rules) out.push(`${venue} rules text changed`);
  if (before.closeTime !== after.closeTime) out.push(`${venue} close time moved from ${when(before.closeTime)} to ${when(after.closeTime)}`);
  if (before.status !== after.status && !onSchedule(before, after, now)) out.push(`${venue} status ${before.status} → ${after.status}`);
  // A dispute state first seen was learned into `before` (learnDispute); one that moves is a change.
  if (before.dispute !== null && after.dispute !== null && before.dispute !== after.dispute) out.push(`${venue} dispute state ${before.dispute} → ${after.dispute}`);
  return out;
}

/** Closing at (or after) its close time, or settling once closed: the market's lifecycle. */
function onSchedule(before: Terms, after: Terms, now: number): boolean {
  if (before.status === 'open' && after.status === 'closed') return after.closeTime !== null && now >= after.closeTime - 60_000;
  return (before.status === 'closed' || before.status === 'open') && after.status === 'settled';
}
