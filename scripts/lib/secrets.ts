// Development secrets: generated once per data folder and kept there, so tokens and encrypted
// identity numbers survive restarts. Production passes AUTH_SECRET and DATA_KEY in the environment.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface Secrets {
  AUTH_SECRET: string;
  DATA_KEY: string;
}

export function loadOrCreateSecrets(file: string): Secrets {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
  const secrets = {
    AUTH_SECRET: randomBytes(48).toString('base64url'),
    DATA_KEY: randomBytes(32).toString('base64'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export const randomSecrets = (): Secrets => ({
  AUTH_SECRET: randomBytes(48).toString('base64url'),
  DATA_KEY: randomBytes(32).toString('base64'),
});
