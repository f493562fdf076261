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

/**
 * Refuses to serve with a connection that would bypass row-level security: a superuser, a
 * BYPASSRLS role, or the owner of the tables.
 */
export async function assertRlsApplies(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ super: boolean; bypass: boolean; owner: boolean }>(
    `SELECT r.rolsuper AS super, r.rolbypassrls AS bypass,
            pg_get_userbyid(c.relowner) = current_user AS owner
     FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'public.referrals'::regclass`,
  );
  const row = rows[0];
  if (!row) throw new Error('database is not migrated: table referrals is missing');
  if (row.super || row.bypass || row.owner) {
    throw new Error(
      'DATABASE_URL connects as a role that bypasses row-level security (superuser, BYPASSRLS or table owner); connect as referral_app',
    );
  }
}
