import type pg from 'pg';

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
