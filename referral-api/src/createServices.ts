import { Sessions } from './auth/sessions';
import { Tokens } from './auth/tokens';
import { previousDataKeys, type Config } from './config';
import { createLogger, createPool, DataCrypto } from '@tiered-care/platform';
import type { Services } from './services';

export function createServices(config: Config): Services {
  const pool = createPool(config.DATABASE_URL, 10, { careAccessDays: config.CARE_ACCESS_DAYS ?? 90 });
  const sessions = new Sessions(pool, (config.SESSION_CHECK_SECONDS ?? 20) * 1000);
  return {
    pool,
    sessions,
    tokens: new Tokens(config.AUTH_SECRET, config.TOKEN_TTL_SECONDS, sessions),
    crypto: new DataCrypto(config.DATA_KEY, previousDataKeys(config.DATA_KEYS_PREVIOUS)),
    log: createLogger(config.LOG_LEVEL, 'referral-api'),
  };
}
