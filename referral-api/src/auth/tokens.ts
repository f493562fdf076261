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

export class Tokens implements TokenVerifier {
  private readonly key: Uint8Array;

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
    let c: z.infer<typeof Claims>;
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] });
      c = Claims.parse(payload);
    } catch {
      throw Unauthenticated('the token is invalid or has expired; sign in again');
    }
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
      roles: c.roles,
      sessionId: c.sid,
      ...(c.pwc ? { mustChangePassword: true } : {}),
    };
  }
}
