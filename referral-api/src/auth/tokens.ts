import { jwtVerify, SignJWT } from 'jose';
import { Role } from '@tiered-care/common';
import { z } from 'zod';
import { Unauthenticated, type TokenSubject, type TokenVerifier } from '@tiered-care/platform';
import type { Sessions } from './sessions';

const Claims = z.object({
  sub: z.uuid(),
  usr: z.string(),
  name: z.string(),
  cons: z.uuid(),
  inst: z.uuid().nullable(),
  dept: z.uuid().nullable(),
  roles: z.array(Role),
  sid: z.uuid(),
  pwc: z.boolean().optional(),
});

type Claims = z.infer<typeof Claims>;

/** Verified tokens kept at most: a bound on memory, not on who may sign in (the oldest go first). */
const VERIFIED_TOKENS = 10_000;

export class Tokens implements TokenVerifier {
  private readonly key: Uint8Array;
  /**
   * Tokens whose signature and claims were checked, with their expiry (ms): the HMAC through
   * WebCrypto cost more than everything else in a cached frame request, and a viewer sends
   * hundreds with the same token. Only the signature check is skipped for a token seen before:
   * its expiry is checked each time, and its session below too, so ending a session takes
   * effect exactly as before.
   */
  private readonly verified = new Map<string, { claims: Claims; expiresMs: number }>();

  constructor(
    secret: string,
    readonly ttlSeconds: number,
    private readonly sessions?: Sessions,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(s: TokenSubject): Promise<{ token: string; expiresAt: string }> {
    const exp = Math.floor(Date.now() / 1000) + this.ttlSeconds;
    const token = await new SignJWT({
      usr: s.username,
      name: s.displayName,
      cons: s.consortiumId,
      inst: s.institutionId,
      dept: s.departmentId,
      roles: s.roles,
      sid: s.sessionId,
      ...(s.mustChangePassword ? { pwc: true } : {}),
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(s.userId)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  async verify(token: string): Promise<TokenSubject> {
    const c = await this.claims(token);
    // Outside the try: a database that is away is a 503, not a reason to sign the user out.
    if (this.sessions && !(await this.sessions.valid(c.sid, c.sub))) {
      throw Unauthenticated('the session has ended; sign in again');
    }
    return {
      userId: c.sub,
      username: c.usr,
      displayName: c.name,
      consortiumId: c.cons,
      institutionId: c.inst,
      departmentId: c.dept,
      roles: [...c.roles],
      sessionId: c.sid,
      ...(c.pwc ? { mustChangePassword: true } : {}),
    };
  }

  /** The token's claims once its signature and expiry hold; Unauthenticated otherwise. */
  private async claims(token: string): Promise<Claims> {
    const seen = this.verified.get(token);
    if (seen && Date.now() < seen.expiresMs) return seen.claims;
    if (seen) this.verified.delete(token);
    let c: Claims;
    let exp: number | undefined;
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] });
      c = Claims.parse(payload);
      exp = payload.exp;
    } catch {
      throw Unauthenticated('the token is invalid or has expired; sign in again');
    }
    // Only tokens that expire are kept (every token issued here does).
    if (exp !== undefined) {
      this.verified.set(token, { claims: c, expiresMs: exp * 1000 });
      if (this.verified.size > VERIFIED_TOKENS) {
        const oldest = this.verified.keys().next().value;
        if (oldest !== undefined) this.verified.delete(oldest);
      }
    }
    return c;
  }
}
