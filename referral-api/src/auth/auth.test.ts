// Signing in: tokens, the signed-in user, no user enumeration, the per-username lockout,
// refresh, and refusal of tokens not signed with our secret.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { decodeJwt, SignJWT } from 'jose';
import pg from 'pg';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '@tiered-care/testkit/harness';
import { LOGIN_LIMITS } from './login';

let app: TestApp;

before(async () => {
  app = await startTestApp();
});
after(() => app.close());

const login = (username: string, password: string) =>
  app.call('POST', '/api/auth/login', { body: { username, password } });

function assertErrorShape(body: any, code: string) {
  assert.deepEqual(Object.keys(body), ['error']);
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  for (const key of Object.keys(body.error)) assert.ok(['code', 'message', 'details'].includes(key), key);
}

describe('login', () => {
  test('a demo user signs in and gets a token and the user with their institution', async () => {
    const res = await login('doctor.c1', DEMO_PASSWORD);
    assert.equal(res.status, 200);
    assert.equal(typeof res.body.token, 'string');
    assert.equal(res.body.token.split('.').length, 3, 'a JWT');
    const expires = Date.parse(res.body.expiresAt);
    assert.ok(expires > Date.now(), 'expires in the future');
    assert.ok(expires <= Date.now() + 3600_000 + 5_000, 'short-lived (the test TTL is one hour)');
    assert.equal(res.body.user.username, 'doctor.c1');
    assert.equal(res.body.user.displayName, '赵医生');
    assert.deepEqual(res.body.user.roles, ['doctor']);
    assert.equal(res.body.user.institution.name, '城关镇卫生院');
    assert.equal(res.body.user.institution.level, 1);
    assert.equal(res.body.user.department.name, '全科');
    assert.ok(!JSON.stringify(res.body).includes('password'), 'no password hash in the answer');
  });

  test('GET /api/me with the token returns the same user', async () => {
    const res = await login('doctor.c1', DEMO_PASSWORD);
    const me = await app.call('GET', '/api/me', { token: res.body.token });
    assert.equal(me.status, 200);
    assert.equal(me.body.id, res.body.user.id);
    assert.equal(me.body.username, 'doctor.c1');
    assert.equal(me.body.institution.name, '城关镇卫生院');
    assert.equal(me.body.institution.id, res.body.user.institution.id);
  });

  test('the regional administrator signs in without an institution', async () => {
    const res = await login('admin.region', DEMO_PASSWORD);
    assert.equal(res.status, 200);
    assert.equal(res.body.user.institution, null);
    assert.deepEqual(res.body.user.roles, ['regional_admin']);
  });

  test('a wrong password is a 401 in the error shape', async () => {
    const res = await login('specialist.h1', 'wrong-password');
    assert.equal(res.status, 401);
    assertErrorShape(res.body, 'unauthenticated');
    assert.equal(res.body.token, undefined);
  });

  test('an unknown username gets the same answer as a wrong password (no user enumeration)', async () => {
    const wrong = await login('specialist.h2', 'wrong-password');
    const unknown = await login(`nobody.${randomUUID().slice(0, 8)}`, 'wrong-password');
    assert.equal(unknown.status, 401);
    assert.equal(wrong.status, 401);
    assert.deepEqual(unknown.body, wrong.body);
  });

  test('a login body with an extra field or a missing password is a 400', async () => {
    const extra = await app.call('POST', '/api/auth/login', {
      body: { username: 'doctor.c1', password: DEMO_PASSWORD, role: 'regional_admin' },
    });
    assert.equal(extra.status, 400);
    assertErrorShape(extra.body, 'invalid_request');
    const missing = await app.call('POST', '/api/auth/login', { body: { username: 'doctor.c1' } });
    assert.equal(missing.status, 400);
    assertErrorShape(missing.body, 'invalid_request');
  });

  test(`after ${LOGIN_LIMITS.perUsername} failed logins the next one is a 429 with Retry-After, even with the right password`, async () => {
    const username = 'coordinator.h2';
    for (let i = 0; i < LOGIN_LIMITS.perUsername; i++) {
      const res = await login(username, `wrong-${i}`);
      assert.equal(res.status, 401, `attempt ${i + 1} is an ordinary failure`);
    }
    const locked = await login(username, DEMO_PASSWORD);
    assert.equal(locked.status, 429);
    assertErrorShape(locked.body, 'too_many_requests');
    assert.equal(locked.body.token, undefined);
    const retry = Number(locked.headers.get('retry-after'));
    assert.ok(Number.isInteger(retry) && retry > 0, `Retry-After is a number of seconds, got ${retry}`);
    assert.equal(retry, LOGIN_LIMITS.windowMinutes * 60);
  });

  test('the lockout of one username does not affect another one signing in from the same address', async () => {
    const res = await login('specialist.h1', DEMO_PASSWORD);
    assert.equal(res.status, 200);
    assert.equal(res.body.user.username, 'specialist.h1');
  });

  test('the failed attempts are recorded in login_attempts', async () => {
    const owner = new pg.Client({ connectionString: app.db.ownerUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ failed: number }>(
        `SELECT count(*)::int AS failed FROM login_attempts WHERE username = 'coordinator.h2' AND NOT success`,
      );
      assert.ok(rows[0]!.failed >= LOGIN_LIMITS.perUsername);
    } finally {
      await owner.end();
    }
  });
});

describe('tokens', () => {
  test('/api/auth/refresh returns a new token that works', async () => {
    const first = await login('coordinator.c1', DEMO_PASSWORD);
    // Tokens carry whole-second times; wait so the refreshed one differs.
    await sleep(1100);
    const refreshed = await app.call('POST', '/api/auth/refresh', { token: first.body.token });
    assert.equal(refreshed.status, 200);
    assert.equal(typeof refreshed.body.token, 'string');
    assert.notEqual(refreshed.body.token, first.body.token);
    assert.ok(Date.parse(refreshed.body.expiresAt) > Date.parse(first.body.expiresAt));
    assert.equal(decodeJwt(refreshed.body.token).sub, first.body.user.id);
    const me = await app.call('GET', '/api/me', { token: refreshed.body.token });
    assert.equal(me.status, 200);
    assert.equal(me.body.username, 'coordinator.c1');
  });

  test('refresh without a token is a 401', async () => {
    const res = await app.call('POST', '/api/auth/refresh');
    assert.equal(res.status, 401);
    assertErrorShape(res.body, 'unauthenticated');
  });

  test('a token with valid claims but signed with another secret is refused', async () => {
    const real = await login('doctor.c1', DEMO_PASSWORD);
    const claims = decodeJwt(real.body.token);
    const forged = await new SignJWT({
      usr: claims.usr,
      name: claims.name,
      cons: claims.cons,
      inst: claims.inst,
      dept: claims.dept,
      roles: ['doctor', 'institution_admin'],
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(claims.sub))
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(randomBytes(32));
    for (const [method, path] of [
      ['GET', '/api/me'],
      ['POST', '/api/auth/refresh'],
      ['GET', '/api/referrals?box=outgoing'],
    ] as const) {
      const res = await app.call(method, path, { token: forged });
      assert.equal(res.status, 401, `${method} ${path}`);
      assertErrorShape(res.body, 'unauthenticated');
    }
  });

  test('an expired token signed with the right secret is refused', async () => {
    const real = await login('doctor.c1', DEMO_PASSWORD);
    const claims = decodeJwt(real.body.token);
    const secret = new TextEncoder().encode(app.db.secrets.AUTH_SECRET);
    const expired = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(secret);
    const res = await app.call('GET', '/api/me', { token: expired });
    assert.equal(res.status, 401);
    assertErrorShape(res.body, 'unauthenticated');
    // Control: the same claims with a future expiry and the right secret are accepted, so the
    // refusal above is about the expiry.
    const fresh = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(secret);
    assert.equal((await app.call('GET', '/api/me', { token: fresh })).status, 200);
  });
});
