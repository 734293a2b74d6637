import { LimitsSchema, type Limits } from '../../../shared/contract';

export type LimitKey = keyof Limits;
export type LimitsDraft = Record<LimitKey, string>;
export type LimitErrors = Partial<Record<LimitKey, string>>;

export interface LimitField {
  key: LimitKey;
  label: string;
  kind: 'count' | 'dollars' | 'text';
  unit: string;
  hint: string;
}

/** The editable limits, in the order the Risk pane shows them. */
export const LIMIT_FIELDS: readonly LimitField[] = [
  { key: 'maxPositionPerMarket', label: 'Max position per market', kind: 'count', unit: 'contracts', hint: 'Contracts held in one market, across outcomes and venues' },
  { key: 'maxTotalContracts', label: 'Max total contracts', kind: 'count', unit: 'contracts', hint: 'Contracts held across every market' },
  { key: 'maxTotalDollars', label: 'Max total dollars', kind: 'dollars', unit: '$', hint: 'Cost of everything held' },
  { key: 'maxDailyLoss', label: 'Max daily loss', kind: 'dollars', unit: '$', hint: 'Realised loss since the trading day began' },
  { key: 'maxLossPerTrade', label: 'Max loss per trade', kind: 'dollars', unit: '$', hint: 'Worst case of one execution' },
  { key: 'maxConsecutiveErrors', label: 'Max consecutive errors', kind: 'count', unit: 'errors', hint: 'Order errors in a row before the breaker trips' },
  { key: 'cooldownSeconds', label: 'Cooldown before half-open', kind: 'count', unit: 's', hint: 'Wait after a trip before a probe is allowed' },
  { key: 'probeSize', label: 'Probe size (half-open)', kind: 'count', unit: 'contracts', hint: 'Largest basket while half-open' },
  { key: 'tradingDayTimeZone', label: 'Trading day time zone', kind: 'text', unit: '', hint: 'IANA zone whose midnight starts a new day' },
];

const WHOLE = /^\d{1,12}$/;

export function draftOf(limits: Limits): LimitsDraft {
  const draft = {} as LimitsDraft;
  for (const f of LIMIT_FIELDS) draft[f.key] = String(limits[f.key]);
  return draft;
}

export function sameDraft(a: LimitsDraft, b: LimitsDraft): boolean {
  return LIMIT_FIELDS.every((f) => a[f.key].trim() === b[f.key].trim());
}

export type ParsedDraft = { ok: true; limits: Limits } | { ok: false; errors: LimitErrors };

/**
 * The client-side check: the same schema the engine applies, with each problem named by its field,
 * plus "a whole number" for counts typed with a point or a sign (never coerced through a float).
 */
export function parseDraft(draft: LimitsDraft): ParsedDraft {
  const errors: LimitErrors = {};
  const candidate: Record<string, unknown> = {};
  for (const f of LIMIT_FIELDS) {
    const raw = draft[f.key].trim();
    if (raw === '') {
      errors[f.key] = 'required';
    } else if (f.kind === 'count') {
      if (WHOLE.test(raw)) candidate[f.key] = Number(raw);
      else errors[f.key] = 'must be a whole number';
    } else {
      candidate[f.key] = raw;
    }
  }
  const parsed = LimitsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (typeof key === 'string' && isLimitKey(key) && errors[key] === undefined) errors[key] = issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, limits: parsed.data };
}

function isLimitKey(key: string): key is LimitKey {
  return LIMIT_FIELDS.some((f) => f.key === key);
}

/** "payload.limits.maxDailyLoss" (a CommandError's field) → "maxDailyLoss". */
export function limitKeyOfField(field: string | null): LimitKey | null {
  if (!field) return null;
  const key = field.replace(/^payload\.limits\./, '').split('.')[0] ?? '';
  return isLimitKey(key) ? key : null;
}

/** The server's message without the field path it starts with ("payload.limits.x: too big" → "too big"). */
export function stripFieldPrefix(message: string, field: string | null): string {
  return field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}
