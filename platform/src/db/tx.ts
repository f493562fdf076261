// Every request runs in one transaction whose first statement tells PostgreSQL who is asking;
// the row-level security policies read those settings. set_config(..., true) is local to the
// transaction, so a pooled connection never carries one user's identity into another request.
import type pg from 'pg';
import type { Actor } from './context';

export type Db = pg.PoolClient;

// pg-pool listens for errors only on idle clients: a server that goes away while a client is
// checked out would emit an 'error' nobody handles, and that kills the process. The query in
// flight fails on its own; this listener only keeps the event from being fatal.
const swallow = () => undefined;

async function transaction<T>(pool: pg.Pool, fn: (db: Db) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  client.on('error', swallow);
  let broken: unknown = undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError;
    });
    throw err;
  } finally {
    client.removeListener('error', swallow);
    // A connection that could not even roll back is dead: destroy it instead of pooling it.
    client.release(broken instanceof Error ? broken : undefined);
  }
}

// Per pool, because the pool is what every caller of withActor already passes (handlers, the
// signaling server, pacs-bridge): the days travel with it instead of through every signature.
const careAccessDays = new WeakMap<pg.Pool, number>();

/** Days the other side keeps a patient after a referral or consultation closed (migration 015). */
export function setCareAccessDays(pool: pg.Pool, days: number): void {
  careAccessDays.set(pool, days);
}

export function withActor<T>(pool: pg.Pool, actor: Actor, fn: (db: Db) => Promise<T>): Promise<T> {
  return transaction(pool, async (db) => {
    await db.query(
      `SELECT set_config('app.user_id', $1, true), set_config('app.institution_id', $2, true),
              set_config('app.consortium_id', $3, true), set_config('app.roles', $4, true),
              set_config('app.care_access_days', $5, true)`,
      [
        actor.userId,
        actor.institutionId ?? '',
        actor.consortiumId,
        actor.roles.join(','),
        // Empty: the database's default (90 days).
        String(careAccessDays.get(pool) ?? ''),
      ],
    );
    return fn(db);
  });
}

/** A transaction with no user context (login): RLS shows nothing but definer functions work. */
export const withAnonymous = transaction;
