import type { LoginBody, Role } from '@tiered-care/common';
import type pg from 'pg';
import { withAnonymous } from '../db/tx';
import { TooMany, Unauthenticated } from '../errors';
import type { TokenSubject } from './tokens';
import { burnPasswordCheck, verifyPassword } from './passwords';

/** Failed attempts tolerated per username and per address within the window. */
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
}

/**
 * Checks the password and records the attempt. The attempt row is committed whether or not the
 * login succeeds, which is why the outcome is returned and thrown only after the transaction.
 */
export async function login(pool: pg.Pool, body: LoginBody, ip: string): Promise<TokenSubject> {
  const outcome = await withAnonymous(pool, async (db) => {
    const { rows: counts } = await db.query<{ by_user: number; by_ip: number }>(
      `SELECT count(*) FILTER (WHERE username = $1) AS by_user, count(*) FILTER (WHERE ip = $2) AS by_ip
       FROM login_attempts
       WHERE NOT success AND at > now() - make_interval(mins => $3) AND (username = $1 OR ip = $2)`,
      [body.username, ip, LOGIN_LIMITS.windowMinutes],
    );
    const c = counts[0] ?? { by_user: 0, by_ip: 0 };
    if (c.by_user >= LOGIN_LIMITS.perUsername || c.by_ip >= LOGIN_LIMITS.perIp)
      return { kind: 'limited' as const };

    const { rows } = await db.query<UserRow>('SELECT * FROM auth_find_user($1)', [body.username]);
    const user = rows[0];
    let ok = false;
    if (user) ok = user.active && (await verifyPassword(user.password_hash, body.password));
    else await burnPasswordCheck(body.password);
    await db.query('INSERT INTO login_attempts (username, ip, success) VALUES ($1, $2, $3)', [
      body.username,
      ip,
      ok,
    ]);
    return ok && user ? { kind: 'ok' as const, user } : { kind: 'failed' as const };
  });

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
  };
}
