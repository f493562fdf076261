import { jwtVerify, SignJWT } from 'jose';
import { Role } from '@tiered-care/common';
import { z } from 'zod';
import type { Actor } from '../db/context';
import { Unauthenticated } from '../errors';

const Claims = z.object({
  sub: z.uuid(),
  usr: z.string(),
  name: z.string(),
  cons: z.uuid(),
  inst: z.uuid().nullable(),
  dept: z.uuid().nullable(),
  roles: z.array(Role),
});

export type TokenSubject = Omit<Actor, 'ip' | 'userAgent'>;

export class Tokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    readonly ttlSeconds: number,
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
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(s.userId)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  async verify(token: string): Promise<TokenSubject> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] });
      const c = Claims.parse(payload);
      return {
        userId: c.sub,
        username: c.usr,
        displayName: c.name,
        consortiumId: c.cons,
        institutionId: c.inst,
        departmentId: c.dept,
        roles: c.roles,
      };
    } catch {
      throw Unauthenticated('the token is invalid or has expired; sign in again');
    }
  }
}
