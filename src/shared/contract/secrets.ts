import { z } from 'zod';
import { isSecretName } from '../ids';

/**
 * Names of the secrets the UI may set, clear, or ask about (`<venue>.<key>`, as each venue's
 * manifest lists them; AppState.venueManifests). Never read.
 */
export const SecretNameSchema = z.string().max(80).refine((name) => isSecretName(name), { message: 'unknown secret name (expected "<venue>.<key>" of a registered venue)' });
export type SecretName = z.infer<typeof SecretNameSchema>;

export const SecretsStatusSchema = z.object({
  keychain: z.object({
    available: z.boolean(),
    /** e.g. "Secret Service (libsecret)", "macOS Keychain", or why it is unavailable. */
    backend: z.string(),
    detail: z.string().nullable(),
  }),
  /** Every secret of every venue: whether the keychain holds it. */
  set: z.record(z.string(), z.boolean()),
});
export type SecretsStatus = z.infer<typeof SecretsStatusSchema>;
