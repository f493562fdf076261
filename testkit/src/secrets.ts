// Development secrets: generated once per data folder and kept there, so tokens and encrypted
// identity numbers survive restarts. Production passes AUTH_SECRET and DATA_KEY in the environment.
// After `npm run rotate-data-key -- --new-key`, DATA_KEYS_PREVIOUS holds the replaced keys until
// everything is re-sealed under the new DATA_KEY.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface Secrets {
  AUTH_SECRET: string;
  DATA_KEY: string;
  DATA_KEYS_PREVIOUS?: string[];
}

export const newDataKey = () => randomBytes(32).toString('base64');

export function loadOrCreateSecrets(file: string): Secrets {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
  const secrets = randomSecrets();
  writeSecrets(file, secrets);
  return secrets;
}

/** Replaces the file in one step: a crash mid-write must not lose the keys. */
export function writeSecrets(file: string, secrets: Secrets): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

/** The environment the app reads, from the data folder's secrets unless set explicitly. */
export function applySecrets(secrets: Secrets, env: NodeJS.ProcessEnv = process.env): void {
  env.AUTH_SECRET ??= secrets.AUTH_SECRET;
  if (env.DATA_KEY) return;
  env.DATA_KEY = secrets.DATA_KEY;
  if (secrets.DATA_KEYS_PREVIOUS?.length) env.DATA_KEYS_PREVIOUS = secrets.DATA_KEYS_PREVIOUS.join(',');
}

export const randomSecrets = (): Secrets => ({
  AUTH_SECRET: randomBytes(48).toString('base64url'),
  DATA_KEY: newDataKey(),
});
