import type { LoginBody, Role } from '@tiered-care/common';
import type pg from 'pg';
import {
  audit,
  Forbidden,
  TooMany,
  Unauthenticated,
  withActor,
  withAnonymous,
  type TokenSubject,
} from '@tiered-care/platform';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords';

/** Failed attempts tolerated per (username, address) and per address within the window. */
export const LOGIN_LIMITS = { windowMinutes: 15, perUsername: 5, perIp: 30 } as const;

interface UserRow {
  id: string;
  password_hash: string;
  display_name: string;
  consortium_id: string;
  institution_id: string | null;
  department_id: string | null;
  roles: Role[];
  active: boolean;
  /** A password an administrator reset (migration 018). */
  must_change_password: boolean;
}

/**
 * Reserves an attempt under a lock on the address and on (name, address), checks the password
 * outside any transaction, then marks the attempt successful. Reserving first makes the limit
 * exact under parallel requests: 25 wrong passwords at once get at most 5 password checks.
 * A success resets the count for that name and address.
 */
export async function login(pool: pg.Pool, body: LoginBody, ip: string): Promise<TokenSubject> {
  const reserved = await withAnonymous(pool, async (db) => {
    await db.query('SELECT pg_advisory_xact_lock(hashtext($1)), pg_advisory_xact_lock(hashtext($2))', [
      `login-ip:${ip}`,
      `login:${body.username}|${ip}`,
    ]);
    const { rows: counts } = await db.query<{ by_pair: number; by_ip: number }>(
      `WITH since AS (
         SELECT greatest(now() - make_interval(mins => $3),
                         coalesce(max(at) FILTER (WHERE success), '-infinity')) AS t
         FROM login_attempts WHERE username = $1 AND ip = $2 AND at > now() - make_interval(mins => $3))
       SELECT (SELECT count(*) FROM login_attempts, since
               WHERE username = $1 AND ip = $2 AND NOT success AND at > since.t) AS by_pair,
              (SELECT count(*) FROM login_attempts
               WHERE ip = $2 AND NOT success AND at > now() - make_interval(mins => $3)) AS by_ip`,
      [body.username, ip, LOGIN_LIMITS.windowMinutes],
    );
    const c = counts[0] ?? { by_pair: 0, by_ip: 0 };
    if (c.by_pair >= LOGIN_LIMITS.perUsername || c.by_ip >= LOGIN_LIMITS.perIp) return null;
    const { rows: attempt } = await db.query<{ id: number }>(
      'INSERT INTO login_attempts (username, ip, success) VALUES ($1, $2, false) RETURNING id',
      [body.username, ip],
    );
    const { rows } = await db.query<UserRow>(
      'SELECT *, auth_password_change_required(id) AS must_change_password FROM auth_find_user($1)',
      [body.username],
    );
    return { attemptId: attempt[0]?.id ?? 0, user: rows[0] };
  });

  let outcome: { kind: 'limited' } | { kind: 'failed' } | { kind: 'ok'; user: UserRow };
  if (!reserved) outcome = { kind: 'limited' };
  else {
    const { user } = reserved;
    let ok = false;
    if (user) ok = user.active && (await verifyPassword(user.password_hash, body.password));
    else await burnPasswordCheck(body.password);
    if (ok && user) {
      await withAnonymous(pool, (db) =>
        db.query('UPDATE login_attempts SET success = true WHERE id = $1', [reserved.attemptId]),
      );
      outcome = { kind: 'ok', user };
    } else outcome = { kind: 'failed' };
  }

  if (outcome.kind === 'limited') {
    throw TooMany('too many failed sign-ins; wait and try again', LOGIN_LIMITS.windowMinutes * 60);
  }
  if (outcome.kind === 'failed') throw Unauthenticated('wrong username or password');
  const u = outcome.user;
  return {
    userId: u.id,
    username: body.username,
    displayName: u.display_name,
    consortiumId: u.consortium_id,
    institutionId: u.institution_id,
    departmentId: u.department_id,
    roles: u.roles,
    ...(u.must_change_password ? { mustChangePassword: true } : {}),
  };
}

/**
 * The token's user as the database has them now: a deactivated user (or one whose institution
 * changed) gets no fresh token, and removed roles leave the next token. Refresh must never
 * just re-sign the old claims.
 */
export async function currentSubject(pool: pg.Pool, actor: TokenSubject): Promise<TokenSubject> {
  const user = await withAnonymous(pool, async (db) => {
    const { rows } = await db.query<UserRow>(
      'SELECT *, auth_password_change_required(id) AS must_change_password FROM auth_find_user($1)',
      [actor.username],
    );
    return rows[0];
  });
  if (!user || !user.active || user.id !== actor.userId)
    throw Unauthenticated('the account is no longer active; sign in again');
  return {
    userId: user.id,
    username: actor.username,
    displayName: user.display_name,
    consortiumId: user.consortium_id,
    institutionId: user.institution_id,
    departmentId: user.department_id,
    roles: user.roles,
    ...(user.must_change_password ? { mustChangePassword: true } : {}),
  };
}

/**
 * Changes the caller's password after checking the current one. Every session of the user ends
 * (other devices included); the caller gets a new one from the route.
 */
export async function changePassword(
  pool: pg.Pool,
  actor: TokenSubject & { ip: string | null; userAgent: string | null },
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const user = await withAnonymous(pool, async (db) => {
    const { rows } = await db.query<UserRow>('SELECT * FROM auth_find_user($1)', [actor.username]);
    return rows[0];
  });
  if (!user || user.id !== actor.userId || !(await verifyPassword(user.password_hash, currentPassword))) {
    throw Forbidden('wrong_password', 'the current password is not right');
  }
  const hash = await hashPassword(newPassword);
  await withActor(pool, actor, async (db) => {
    await db.query('SELECT auth_change_password($1)', [hash]);
    await audit(db, actor, { action: 'auth.password_changed', entityType: 'user', entityId: actor.userId });
  });
}
