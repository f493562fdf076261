// An institution administrator's management of their own institution's staff. The checks here
// give clear errors; the definer functions of migration 018 enforce the same rules in the
// database (own institution, never oneself). Each change is audited in its transaction, and the
// changes that must end sessions end them through the users trigger of migration 013.
import { randomInt } from 'node:crypto';
import type { AdminUser, InstitutionRole, PasswordReset } from '@tiered-care/common';
import { audit, Forbidden, hasRole, NotFound, type Actor, type Db } from '@tiered-care/platform';
import { hashPassword } from '../auth/passwords';

const COLUMNS = `u.id, u.username, u.display_name AS "displayName", u.title, d.name AS "departmentName",
  u.roles, u.active, u.must_change_password AS "mustChangePassword"`;

/** Only an institution administrator, and only for their own institution. */
export function assertInstitutionAdmin(actor: Actor): string {
  if (!hasRole(actor, 'institution_admin') || !actor.institutionId) {
    throw Forbidden('admin_only', "only an institution's administrator manages its users");
  }
  return actor.institutionId;
}

export async function listInstitutionUsers(db: Db, actor: Actor): Promise<AdminUser[]> {
  const institutionId = assertInstitutionAdmin(actor);
  const { rows } = await db.query<AdminUser>(
    `SELECT ${COLUMNS} FROM users u LEFT JOIN departments d ON d.id = u.department_id
     WHERE u.institution_id = $1 ORDER BY u.active DESC, d.name NULLS FIRST, u.display_name, u.id`,
    [institutionId],
  );
  return rows;
}

/** A user of the caller's institution other than the caller; anyone else is not found. */
async function manageable(db: Db, actor: Actor, userId: string): Promise<AdminUser> {
  const institutionId = assertInstitutionAdmin(actor);
  if (userId === actor.userId) {
    throw Forbidden('not_yourself', 'administrators change their own account on the password page only');
  }
  const { rows } = await db.query<AdminUser>(
    `SELECT ${COLUMNS} FROM users u LEFT JOIN departments d ON d.id = u.department_id
     WHERE u.id = $1 AND u.institution_id = $2`,
    [userId, institutionId],
  );
  const user = rows[0];
  if (!user) throw NotFound('user');
  return user;
}

async function reread(db: Db, actor: Actor, userId: string): Promise<AdminUser> {
  const { rows } = await db.query<AdminUser>(
    `SELECT ${COLUMNS} FROM users u LEFT JOIN departments d ON d.id = u.department_id WHERE u.id = $1`,
    [userId],
  );
  const user = rows[0];
  if (!user) throw NotFound('user');
  return user;
}

/** The definer function refuses what the checks above let through only if they disagree. */
async function apply(db: Db, sql: string, params: unknown[]): Promise<void> {
  const { rows } = await db.query<{ ok: boolean }>(`SELECT ${sql} AS ok`, params);
  if (!rows[0]?.ok) throw NotFound('user');
}

export async function setUserActive(
  db: Db,
  actor: Actor,
  userId: string,
  active: boolean,
): Promise<AdminUser> {
  const before = await manageable(db, actor, userId);
  if (before.active !== active) {
    await apply(db, 'admin_set_active($1, $2)', [userId, active]);
    await audit(db, actor, {
      action: active ? 'user.reactivated' : 'user.deactivated',
      entityType: 'user',
      entityId: userId,
    });
  }
  return reread(db, actor, userId);
}

export async function setUserRoles(
  db: Db,
  actor: Actor,
  userId: string,
  roles: InstitutionRole[],
): Promise<AdminUser> {
  const before = await manageable(db, actor, userId);
  if (before.roles.includes('regional_admin')) {
    throw Forbidden('regional_admin', "a regional administrator's roles are the consortium's to change");
  }
  const sorted = [...roles].sort();
  if (sorted.join() !== [...before.roles].sort().join()) {
    await apply(db, 'admin_set_roles($1, $2)', [userId, sorted]);
    await audit(db, actor, {
      action: 'user.roles_changed',
      entityType: 'user',
      entityId: userId,
      details: { from: before.roles, to: sorted },
    });
  }
  return reread(db, actor, userId);
}

// No 0/O, 1/l/I: the administrator reads it out or writes it down for the user.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export function temporaryPassword(length = 12): string {
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** The hash is computed before the transaction (argon2 takes a while); see the route. */
export async function resetUserPassword(
  db: Db,
  actor: Actor,
  userId: string,
  reset: { password: string; hash: string },
): Promise<PasswordReset> {
  await manageable(db, actor, userId);
  await apply(db, 'admin_reset_password($1, $2)', [userId, reset.hash]);
  await audit(db, actor, { action: 'user.password_reset', entityType: 'user', entityId: userId });
  return { user: await reread(db, actor, userId), temporaryPassword: reset.password };
}

export async function newTemporaryPassword(): Promise<{ password: string; hash: string }> {
  const password = temporaryPassword();
  return { password, hash: await hashPassword(password) };
}
