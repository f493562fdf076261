// The same bearer tokens as the API, checked by the API's own Tokens service.
import type { Request } from 'express';
import { Unauthenticated, type Actor, type Services } from '../platform';

export async function actorOf(req: Request, services: Services): Promise<Actor> {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) throw Unauthenticated();
  const claims = await services.tokens.verify(match[1]);
  return { ...claims, ip: req.ip ?? null, userAgent: req.headers['user-agent']?.slice(0, 300) ?? null };
}
