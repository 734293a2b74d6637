import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../src/engine/settings/defaults';
import { LimitsSchema } from '../../../src/shared/contract';
import { draftOf, LIMIT_FIELDS, limitKeyOfField, parseDraft, sameDraft, stripFieldPrefix } from '../../../src/renderer/src/desk/limitsForm';

describe('the Risk pane limits form', () => {
  it('round-trips the saved limits through the draft unchanged', () => {
    const parsed = parseDraft(draftOf(DEFAULT_LIMITS));
    expect(parsed).toEqual({ ok: true, limits: DEFAULT_LIMITS });
    expect(LIMIT_FIELDS.map((f) => f.key).sort()).toEqual(Object.keys(LimitsSchema.shape).sort());
  });

  it('names each invalid field with its reason, and never coerces a count through a float', () => {
    const draft = { ...draftOf(DEFAULT_LIMITS), maxDailyLoss: '-5', maxPositionPerMarket: '12.5', probeSize: '1e3', cooldownSeconds: '', maxTotalDollars: 'abc', tradingDayTimeZone: 'Mars/Olympus' };
    const parsed = parseDraft(draft);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({
      maxDailyLoss: 'must be greater than zero',
      maxPositionPerMarket: 'must be a whole number',
      probeSize: 'must be a whole number',
      cooldownSeconds: 'required',
      maxTotalDollars: 'expected a decimal string such as "12.34"',
      tradingDayTimeZone: 'expected an IANA time zone such as "UTC" or "America/New_York"',
    });
  });

  it('applies the schema\'s bounds to whole numbers too', () => {
    const parsed = parseDraft({ ...draftOf(DEFAULT_LIMITS), maxConsecutiveErrors: '0', cooldownSeconds: '86401' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(['cooldownSeconds', 'maxConsecutiveErrors']);
  });

  it('maps the engine\'s error field back to the form field and trims whitespace-only differences', () => {
    expect(limitKeyOfField('payload.limits.maxDailyLoss')).toBe('maxDailyLoss');
    expect(limitKeyOfField('payload.limits')).toBeNull();
    expect(limitKeyOfField('payload.limits.notAField')).toBeNull();
    expect(limitKeyOfField(null)).toBeNull();
    expect(stripFieldPrefix('payload.limits.maxDailyLoss: must be greater than zero', 'payload.limits.maxDailyLoss')).toBe('must be greater than zero');
    expect(sameDraft(draftOf(DEFAULT_LIMITS), { ...draftOf(DEFAULT_LIMITS), probeSize: ` ${DEFAULT_LIMITS.probeSize} ` })).toBe(true);
  });
});
