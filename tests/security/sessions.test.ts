// Sessions follow the user as the database has them. Found by trying: a deactivated user kept
// refreshing the old token for hours. Tokens now belong to sessions that logout, deactivation
// and role changes end, open sockets included.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { io } from 'socket.io-client';
import { startTestApp, type TestApp } from '@tiered-care/testkit/harness';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

async function owner(sql: string, values: unknown[]) {
  const c = new pg.Client({ connectionString: t.db.ownerUrl });
  await c.connect();
  try {
    await c.query(sql, values);
  } finally {
    await c.end();
  }
}

test('a deactivated user cannot refresh the token they still hold', async () => {
  const token = await t.login('doctor.c2');
  assert.equal((await t.call('POST', '/api/auth/refresh', { token })).status, 200);
  await owner('UPDATE users SET active = false WHERE username = $1', ['doctor.c2']);
  const refused = await t.call('POST', '/api/auth/refresh', { token });
  assert.equal(refused.status, 401);
  assert.equal(refused.body.error.code, 'unauthenticated');
});

test('removing a role ends the sessions that carried it; the next sign-in has the roles as they are', async () => {
  await owner(`UPDATE users SET roles = ARRAY['doctor', 'coordinator'] WHERE username = $1`, ['doctor.c1']);
  const token = (
    await t.call('POST', '/api/auth/login', { body: { username: 'doctor.c1', password: 'Demo@2026' } })
  ).body.token as string;
  await owner(`UPDATE users SET roles = ARRAY['doctor'] WHERE username = $1`, ['doctor.c1']);
  await new Promise((r) => setTimeout(r, 1100));
  assert.equal((await t.call('POST', '/api/auth/refresh', { token })).status, 401);
  assert.equal((await t.call('GET', '/api/me', { token })).status, 401);
  const fresh = await t.call('POST', '/api/auth/login', {
    body: { username: 'doctor.c1', password: 'Demo@2026' },
  });
  assert.deepEqual(fresh.body.user.roles, ['doctor']);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const signIn = async (username: string) =>
  (await t.call('POST', '/api/auth/login', { body: { username, password: 'Demo@2026' } })).body
    .token as string;

test('logout ends the session: its token stops working at once, another session goes on', async () => {
  const first = await signIn('specialist.h1');
  const second = await signIn('specialist.h1');
  assert.equal((await t.call('POST', '/api/auth/logout', { token: first })).status, 204);
  const after = await t.call('GET', '/api/me', { token: first });
  assert.equal(after.status, 401);
  assert.equal((await t.call('POST', '/api/auth/refresh', { token: first })).status, 401);
  assert.equal(
    (await t.call('GET', '/api/me', { token: second })).status,
    200,
    'the other session is untouched',
  );
});

test(
  'deactivating a user ends every session of theirs, and their open socket closes with a reason',
  { timeout: 60_000 },
  async () => {
    const token = await signIn('coordinator.h2');
    const socket = io(t.baseUrl, { auth: { token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const ended = new Promise<{ reason: string }>((resolve) => socket.once('session:ended', resolve));
    const closed = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    await owner('UPDATE users SET active = false WHERE username = $1', ['coordinator.h2']);
    await sleep(1100);
    assert.equal((await t.call('GET', '/api/me', { token })).status, 401, 'the token is refused');
    const started = Date.now();
    const why = await Promise.race([ended, sleep(30_000).then(() => null)]);
    assert.ok(why, 'the socket was told');
    assert.match(why.reason, /session/);
    await closed;
    assert.ok(Date.now() - started < 30_000);
    socket.close();
  },
);

test('changing one’s password checks the current one, ends every session and returns a new one', async () => {
  const here = await signIn('coordinator.c1');
  const elsewhere = await signIn('coordinator.c1');
  const wrong = await t.call('POST', '/api/auth/password', {
    token: here,
    body: { currentPassword: 'not-it', newPassword: 'Better@Pass2026' },
  });
  assert.equal(wrong.status, 403);
  assert.equal(wrong.body.error.code, 'wrong_password');
  const short = await t.call('POST', '/api/auth/password', {
    token: here,
    body: { currentPassword: 'Demo@2026', newPassword: 'short' },
  });
  assert.equal(short.status, 400);
  const changed = await t.call('POST', '/api/auth/password', {
    token: here,
    body: { currentPassword: 'Demo@2026', newPassword: 'Better@Pass2026' },
  });
  assert.equal(changed.status, 200);
  await sleep(1100);
  assert.equal(
    (await t.call('GET', '/api/me', { token: changed.body.token })).status,
    200,
    'the new session works',
  );
  assert.equal(
    (await t.call('GET', '/api/me', { token: elsewhere })).status,
    401,
    'other devices are signed out',
  );
  assert.equal(
    (await t.call('GET', '/api/me', { token: here })).status,
    401,
    'and the old token of this one',
  );
  const old = await t.call('POST', '/api/auth/login', {
    body: { username: 'coordinator.c1', password: 'Demo@2026' },
  });
  assert.equal(old.status, 401);
  const fresh = await t.call('POST', '/api/auth/login', {
    body: { username: 'coordinator.c1', password: 'Better@Pass2026' },
  });
  assert.equal(fresh.status, 200);
});
