import { z } from 'zod';

/** Names of the secrets the UI may set, clear, or ask about. Never read. */
export const SECRET_NAMES = ['kalshi.keyId', 'kalshi.privateKey', 'polymarket.privateKey'] as const;
export const SecretNameSchema = z.enum(SECRET_NAMES);
export type SecretName = z.infer<typeof SecretNameSchema>;

export const SecretsStatusSchema = z.object({
  keychain: z.object({
    available: z.boolean(),
    /** e.g. "Secret Service (libsecret)", "macOS Keychain", or why it is unavailable. */
    backend: z.string(),
    detail: z.string().nullable(),
  }),
  set: z.record(SecretNameSchema, z.boolean()),
});
export type SecretsStatus = z.infer<typeof SecretsStatusSchema>;
