// An institution administrator manages their own institution's users: list, deactivate and
// reactivate, reset a password (a generated one the user must replace at sign-in), change roles.
// Never another institution's users, never themselves; every change audited; the changes that
// must end sessions end them, open sockets included.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AdminUser } from '@tiered-care/common';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { DEMO_PASSWORD, startTestApp, userIdsByName, type TestApp } from '@tiered-care/testkit/harness';

let t: TestApp;
let owner: pg.Client;
let ids: Record<string, string>;
const sockets: Socket[] = [];

before(async () => {
  t = await startTestApp();
  owner = new pg.Client({ connectionString: t.db.ownerUrl });
  await owner.connect();
  ids = await userIdsByName(t);
});
after(async () => {
  for (const s of sockets) s.disconnect();
  await owner.end();
  await t.close();
});

const signIn = (username: string, password = DEMO_PASSWORD) =>
  t.call<{ token: string; user: { mustChangePassword: boolean } }>('POST', '/api/auth/login', {
    body: { username, password },
  });

async function freshToken(username: string): Promise<string> {
  const res = await signIn(username);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.token;
}

const asAdmin = async (method: string, path: string, body?: unknown) =>
  t.call(method, path, { token: await t.login('admin.h1'), body });

async function audited(action: string, userId: string): Promise<number> {
  const { rows } = await owner.query(
    'SELECT 1 FROM audit_log WHERE action = $1 AND entity_id = $2 AND actor_user_id = $3',
    [action, userId, ids['admin.h1']],
  );
  return rows.length;
}

describe('institution administrators manage their users', () => {
  test("the list is the administrator's own institution, with roles and status", async () => {
    const res = await asAdmin('GET', '/api/admin/users');
    assert.equal(res.status, 200);
    const users = (res.body as { users: AdminUser[] }).users;
    const names = users.map((u) => u.username).sort();
    assert.deepEqual(names, ['admin.h1', 'coordinator.h1', 'radiologist.h1', 'resident.h1', 'specialist.h1']);
    const specialist = users.find((u) => u.username === 'specialist.h1');
    assert.ok(specialist);
    assert.deepEqual(specialist.roles, ['specialist']);
    assert.equal(specialist.active, true);
    const other = await t.call('GET', '/api/admin/users', { token: await t.login('coordinator.h1') });
    assert.equal(other.status, 403);
    assert.equal(other.body.error.code, 'admin_only');
  });

  test('deactivating specialist.h1 ends their token and their socket; reactivating lets them sign in again', async () => {
    const token = await freshToken('specialist.h1');
    const socket = connect(t.baseUrl, { auth: { token }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    const ended = new Promise<unknown>((resolve) => socket.once('session:ended', resolve));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });

    const res = await asAdmin('POST', `/api/admin/users/${ids['specialist.h1']}/deactivate`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal((res.body as AdminUser).active, false);
    assert.equal(await audited('user.deactivated', ids['specialist.h1'] ?? ''), 1);

    await sleep(1100);
    assert.equal((await t.call('GET', '/api/me', { token })).status, 401);
    assert.equal((await signIn('specialist.h1')).status, 401);
    await Promise.race([
      ended,
      sleep(20_000).then(() => assert.fail('the socket should end within the sweep period')),
    ]);

    const back = await asAdmin('POST', `/api/admin/users/${ids['specialist.h1']}/reactivate`);
    assert.equal((back.body as AdminUser).active, true);
    assert.equal(await audited('user.reactivated', ids['specialist.h1'] ?? ''), 1);
    assert.equal((await signIn('specialist.h1')).status, 200);
  });

  test("another institution's users are out of reach", async () => {
    for (const [method, path] of [
      ['POST', `/api/admin/users/${ids['doctor.c1']}/deactivate`],
      ['POST', `/api/admin/users/${ids['doctor.c1']}/reset-password`],
      ['PUT', `/api/admin/users/${ids['doctor.c1']}/roles`],
    ] as const) {
      const res = await asAdmin(method, path, method === 'PUT' ? { roles: ['specialist'] } : undefined);
      assert.equal(res.status, 404, `${method} ${path}`);
    }
    const { rows } = await owner.query('SELECT active, roles FROM users WHERE id = $1', [ids['doctor.c1']]);
    assert.deepEqual(rows[0], { active: true, roles: ['doctor'] });
  });

  test('the database itself refuses a change outside the own institution', async () => {
    const subject = await t.services.tokens.verify(await t.login('admin.h1'));
    const c = await t.services.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query(
        `SELECT set_config('app.user_id', $1, true), set_config('app.institution_id', $2, true),
                set_config('app.roles', 'institution_admin', true)`,
        [subject.userId, subject.institutionId],
      );
      const { rows } = await c.query('SELECT admin_set_active($1, false) AS ok', [ids['doctor.c1']]);
      assert.equal(rows[0].ok, false);
      await c.query('ROLLBACK');
    } finally {
      c.release();
    }
  });

  test('administrators cannot deactivate themselves or drop their own admin role', async () => {
    const me = ids['admin.h1'];
    const off = await asAdmin('POST', `/api/admin/users/${me}/deactivate`);
    assert.equal(off.status, 403);
    assert.equal(off.body.error.code, 'not_yourself');
    const roles = await asAdmin('PUT', `/api/admin/users/${me}/roles`, { roles: ['doctor'] });
    assert.equal(roles.status, 403);
    const { rows } = await owner.query('SELECT active, roles FROM users WHERE id = $1', [me]);
    assert.deepEqual(rows[0], { active: true, roles: ['institution_admin'] });
  });

  test('a role change ends the sessions and the next sign-in carries the new roles', async () => {
    const token = await freshToken('coordinator.h1');
    const bad = await asAdmin('PUT', `/api/admin/users/${ids['coordinator.h1']}/roles`, {
      roles: ['regional_admin'],
    });
    assert.equal(bad.status, 400);
    const res = await asAdmin('PUT', `/api/admin/users/${ids['coordinator.h1']}/roles`, {
      roles: ['coordinator', 'doctor'],
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual((res.body as AdminUser).roles, ['coordinator', 'doctor']);
    assert.equal(await audited('user.roles_changed', ids['coordinator.h1'] ?? ''), 1);
    await sleep(1100);
    assert.equal((await t.call('GET', '/api/me', { token })).status, 401);
    const again = await t.call('GET', '/api/me', { token: await freshToken('coordinator.h1') });
    assert.deepEqual(again.body.roles, ['coordinator', 'doctor']);
  });

  test('a reset password: the old one fails, the temporary one works only to choose a new one', async () => {
    const old = await freshToken('specialist.h1');
    const res = await asAdmin('POST', `/api/admin/users/${ids['specialist.h1']}/reset-password`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const temporary = (res.body as { temporaryPassword: string }).temporaryPassword;
    assert.match(temporary, /^[A-Za-z2-9]{12}$/);
    assert.equal(await audited('user.password_reset', ids['specialist.h1'] ?? ''), 1);
    await sleep(1100);
    assert.equal((await t.call('GET', '/api/me', { token: old })).status, 401, 'sessions ended');
    assert.equal((await signIn('specialist.h1')).status, 401, 'the old password fails');

    const first = await signIn('specialist.h1', temporary);
    assert.equal(first.status, 200);
    assert.equal(first.body.user.mustChangePassword, true);
    const limited = first.body.token;
    const blocked = await t.call('GET', '/api/consultations', { token: limited });
    assert.equal(blocked.status, 403);
    assert.equal(blocked.body.error.code, 'password_change_required');
    assert.equal((await t.call('GET', '/api/me', { token: limited })).status, 200);
    const socket = connect(t.baseUrl, {
      auth: { token: limited },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    const refused = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    assert.equal(refused.message, 'password_change_required');

    const changed = await t.call<{ token: string }>('POST', '/api/auth/password', {
      token: limited,
      body: { currentPassword: temporary, newPassword: 'Chosen@Myself1' },
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal((await t.call('GET', '/api/consultations', { token: changed.body.token })).status, 200);
    const next = await signIn('specialist.h1', 'Chosen@Myself1');
    assert.equal(next.body.user.mustChangePassword, false);
  });
});
