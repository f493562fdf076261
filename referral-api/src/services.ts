import type pg from 'pg';
import type { Logger } from 'pino';
import type { Sessions } from './auth/sessions';
import type { Tokens } from './auth/tokens';
import type { DataCrypto } from './signing/dataCrypto';

/** What handlers need from the outside world; built once per process. */
export interface Services {
  pool: pg.Pool;
  tokens: Tokens;
  sessions: Sessions;
  crypto: DataCrypto;
  log: Logger;
}
