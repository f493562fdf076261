import type pg from 'pg';
import type { Logger } from 'pino';
import type { TokenVerifier } from '../auth/tokenVerifier';

/**
 * What the platform's request handling needs from a part's services. A part's own services
 * extend it (referral-api adds sessions and data encryption) and its routes see the whole of them.
 */
export interface PlatformServices {
  pool: pg.Pool;
  tokens: TokenVerifier;
  log: Logger;
}
