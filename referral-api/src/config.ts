import { commaList, parseEnv } from '@tiered-care/platform';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  /** The app's connection: a role subject to row-level security (referral_app). */
  DATABASE_URL: z.string().min(1),
  /** The owner's connection, for migrations and loading demo data. */
  MIGRATION_DATABASE_URL: z.string().min(1),
  /** HMAC secret for access tokens, at least 32 characters. */
  AUTH_SECRET: z.string().min(32),
  /** 32 random bytes, base64: encrypts identity numbers and signing keys. */
  DATA_KEY: z
    .string()
    .refine((s) => Buffer.from(s, 'base64').length === 32, 'DATA_KEY must be 32 bytes, base64'),
  /**
   * Keys DATA_KEY replaced, comma-separated, still read until `npm run rotate-data-key` has
   * re-sealed everything under DATA_KEY.
   */
  DATA_KEYS_PREVIOUS: z
    .string()
    .optional()
    .refine(
      (s) => previousDataKeys(s).every((k) => Buffer.from(k, 'base64').length === 32),
      'DATA_KEYS_PREVIOUS must be 32-byte base64 keys, comma-separated',
    ),
  TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  /** How long a process trusts its last look at a session (revocations reach it within this). */
  SESSION_CHECK_SECONDS: z.coerce.number().int().min(0).max(60).optional(),
  /**
   * Days after a referral or consultation closed with care given (completed, no-show, ended,
   * reported) that the other side still sees the patient (migration 015).
   */
  CARE_ACCESS_DAYS: z.coerce.number().int().min(0).max(3650).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Trust X-Forwarded-For from this many proxies (for the audit trail's addresses). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(5).default(0),
  /**
   * Check each JSON response against its schema in common/ and answer 500 response_invalid on a
   * mismatch. Default: on, except when NODE_ENV is production (it costs time on every response).
   */
  CHECK_RESPONSES: z.enum(['on', 'off']).optional(),
  NODE_ENV: z.string().optional(),
});

/** Response checking as configured, or by default on everywhere but production. */
export function checkResponses(config: Config): boolean {
  return (config.CHECK_RESPONSES ?? (config.NODE_ENV === 'production' ? 'off' : 'on')) === 'on';
}

export function previousDataKeys(list: string | undefined): string[] {
  return commaList(list);
}

export type Config = z.infer<typeof Env>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return parseEnv(Env, env);
}
