import { z } from 'zod';
import { TRADER_JURISDICTIONS } from '../jurisdiction';

/**
 * The least return per year, as a fraction of the capital locked ("0.1" = 10 % a year), an
 * opportunity must offer to be shown by default and to raise an alert: 0 to 100 (10,000 %).
 */
export const MinAnnualisedReturnSchema = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,6})?$/, 'expected a fraction of the capital per year such as "0.1" (10 %)')
  .refine((s) => Number(s) <= 100, 'must be at most 100 (10,000 % a year)');

/**
 * Which Polymarket the trader may use: `non_us` — international Polymarket (it blocks US
 * residents); `us` — Polymarket US (the CFTC-regulated US exchange); `both` — each only with the
 * trader's own keys for it. Venues without a restriction (Kalshi) run under every choice.
 */
export const TraderJurisdictionSchema = z.enum(TRADER_JURISDICTIONS);

/** The trader's trading preferences (kept in settings.json). */
export const PreferencesSchema = z.object({
  /** null: no minimum. */
  minAnnualisedReturn: MinAnnualisedReturnSchema.nullable(),
  /** Which Polymarket the trader may use; absent (an older engine): the default, outside the US. */
  traderJurisdiction: TraderJurisdictionSchema.optional(),
});
export type Preferences = z.infer<typeof PreferencesSchema>;
