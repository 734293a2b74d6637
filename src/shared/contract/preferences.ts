import { z } from 'zod';

/**
 * The least return per year, as a fraction of the capital locked ("0.1" = 10 % a year), an
 * opportunity must offer to be shown by default and to raise an alert: 0 to 100 (10,000 %).
 */
export const MinAnnualisedReturnSchema = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,6})?$/, 'expected a fraction of the capital per year such as "0.1" (10 %)')
  .refine((s) => Number(s) <= 100, 'must be at most 100 (10,000 % a year)');

/** The trader's trading preferences (kept in settings.json). */
export const PreferencesSchema = z.object({
  /** null: no minimum. */
  minAnnualisedReturn: MinAnnualisedReturnSchema.nullable(),
});
export type Preferences = z.infer<typeof PreferencesSchema>;
