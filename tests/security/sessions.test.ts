// Sessions follow the user as the database has them. Found by trying: a deactivated user kept
// refreshing the old token for hours.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { startTestApp, type TestApp } from '../support/harness';

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

test('a removed role is gone from the next token', async () => {
  await owner(`UPDATE users SET roles = ARRAY['doctor', 'coordinator'] WHERE username = $1`, ['doctor.c1']);
  const token = (
    await t.call('POST', '/api/auth/login', { body: { username: 'doctor.c1', password: 'Demo@2026' } })
  ).body.token as string;
  await owner(`UPDATE users SET roles = ARRAY['doctor'] WHERE username = $1`, ['doctor.c1']);
  const fresh = await t.call('POST', '/api/auth/refresh', { token });
  assert.equal(fresh.status, 200);
  const me = await t.call('GET', '/api/me', { token: fresh.body.token });
  assert.deepEqual(me.body.roles, ['doctor']);
});
