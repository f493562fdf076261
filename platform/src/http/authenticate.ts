import type { Request } from 'express';
import type { TokenVerifier } from '../auth/tokenVerifier';
import type { Actor } from '../db/context';
import { Unauthenticated } from '../errors/errors';

/** The caller of a request from its `Authorization: Bearer` header. */
export async function authenticate(req: Request, tokens: TokenVerifier): Promise<Actor> {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) throw Unauthenticated();
  const claims = await tokens.verify(match[1]);
  return { ...claims, ip: req.ip ?? null, userAgent: req.headers['user-agent']?.slice(0, 300) ?? null };
}
