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

// Wake-ups to send once the transaction has committed (see notifyAfterCommit), per client.
const wakeUps = new WeakMap<Db, { channel: string; payload: string }[]>();

/**
 * NOTIFY `channel` with `payload` right after this transaction commits, never if it rolls back.
 * The notification goes in the same message as COMMIT, as a statement of its own after it: a
 * NOTIFY inside the transaction would hold PostgreSQL's notification lock through the commit's
 * WAL flush and so make every notifying commit wait for the one before (migration 019).
 */
export function notifyAfterCommit(db: Db, channel: string, payload: string): void {
  const list = wakeUps.get(db) ?? [];
  list.push({ channel, payload });
  wakeUps.set(db, list);
}

function commitText(db: Db): string {
  const list = wakeUps.get(db);
  if (!list?.length) return 'COMMIT';
  // Simple-query protocol: the SELECT runs only if COMMIT succeeded, in a transaction of its own.
  const calls = list.map((w) => `pg_notify(${db.escapeLiteral(w.channel)}, ${db.escapeLiteral(w.payload)})`);
  return `COMMIT; SELECT ${calls.join(', ')}`;
}

async function transaction<T>(
  pool: pg.Pool,
  fn: (db: Db) => Promise<T>,
  begin: (db: Db) => string = () => 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  client.on('error', swallow);
  let broken: unknown = undefined;
  try {
    await client.query(begin(client));
    const result = await fn(client);
    await client.query(commitText(client));
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError;
    });
    throw err;
  } finally {
    wakeUps.delete(client);
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
  const settings = [
    ['app.user_id', actor.userId],
    ['app.institution_id', actor.institutionId ?? ''],
    ['app.consortium_id', actor.consortiumId],
    ['app.roles', actor.roles.join(',')],
    // Empty: the database's default (90 days).
    ['app.care_access_days', String(careAccessDays.get(pool) ?? '')],
  ];
  // BEGIN and the settings in one round trip: the simple-query protocol runs both statements of
  // one message in order, and takes no parameters, so the values go in as quoted literals.
  return transaction(
    pool,
    fn,
    (db) =>
      `BEGIN; SELECT ${settings
        .map(([name, value]) => `set_config('${name}', ${db.escapeLiteral(value ?? '')}, true)`)
        .join(', ')}`,
  );
}

/** A transaction with no user context (login): RLS shows nothing but definer functions work. */
export const withAnonymous = <T>(pool: pg.Pool, fn: (db: Db) => Promise<T>): Promise<T> =>
  transaction(pool, fn);
