import type { Db } from '../db/tx';
import { withActor } from '../db/tx';
import type { HandlerContext } from './route';

/** Runs a domain function in one transaction as the calling user. */
export function inTx<T>(
  c: Pick<HandlerContext<unknown, unknown, unknown>, 'services' | 'actor'>,
  fn: (db: Db) => Promise<T>,
): Promise<T> {
  return withActor(c.services.pool, c.actor, fn);
}
