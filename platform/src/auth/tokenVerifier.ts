// What a server part needs to turn a bearer token into the caller; the implementation (signed
// tokens checked against sign-in sessions) belongs to referral-api, which issues them.
import type { Actor } from '../db/context';

/** The caller as a token names them; the request adds where from (ip, user agent). */
export type TokenSubject = Omit<Actor, 'ip' | 'userAgent'>;

export interface TokenVerifier {
  /** Throws Unauthenticated for a token that is invalid, expired or of an ended session. */
  verify(token: string): Promise<TokenSubject>;
}
