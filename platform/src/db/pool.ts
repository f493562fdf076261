import pg from 'pg';
import { setCareAccessDays } from './tx';

// Return timestamps as Date and bigint counts as numbers small enough for JSON.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * Bounds on every wait, so a database that is away or slow makes requests fail fast (503)
 * rather than pile up: acquiring a connection, one statement, and a transaction left idle.
 */
export const POOL_LIMITS = {
  connectionTimeoutMillis: 5_000,
  statementTimeoutMillis: 15_000,
  idleInTransactionMillis: 30_000,
};

export interface PoolSettings {
  /** How long after a care relationship closed the other side still sees the patient (app.care_access_days). */
  careAccessDays?: number;
}

export function createPool(connectionString: string, max = 10, settings: PoolSettings = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: POOL_LIMITS.connectionTimeoutMillis,
    statement_timeout: POOL_LIMITS.statementTimeoutMillis,
    idle_in_transaction_session_timeout: POOL_LIMITS.idleInTransactionMillis,
  });
  // An idle client losing its server (restart) must not crash the process; a checked-out one is
  // guarded by its transaction (db/tx.ts).
  pool.on('error', () => undefined);
  if (settings.careAccessDays !== undefined) setCareAccessDays(pool, settings.careAccessDays);
  return pool;
}
