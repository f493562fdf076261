import { Tokens } from './auth/tokens';
import type { Config } from './config';
import { createPool } from './db/pool';
import { createLogger } from './logger';
import type { Services } from './services';
import { DataCrypto } from './signing/dataCrypto';

export function createServices(config: Config): Services {
  return {
    pool: createPool(config.DATABASE_URL),
    tokens: new Tokens(config.AUTH_SECRET, config.TOKEN_TTL_SECONDS),
    crypto: new DataCrypto(config.DATA_KEY),
    log: createLogger(config.LOG_LEVEL),
  };
}
