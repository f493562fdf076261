// Sign-in throttling under attack. Found by trying: 25 parallel wrong passwords got 14 password
// checks past a limit of 5, and the right password was then refused for 900 s from anywhere.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '@tiered-care/testkit/harness';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

/** A login from a given loopback address (the app sees it as the client's address). */
function loginFrom(localAddress: string, username: string, password: string): Promise<number> {
  const url = new URL('/api/auth/login', t.baseUrl);
  const body = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

test('25 parallel wrong passwords: at most 5 are checked, the rest are 429', async () => {
  const statuses = await Promise.all(
    Array.from({ length: 25 }, (_, i) => loginFrom('127.0.0.3', 'doctor.c2', `wrong-${i}`)),
  );
  const checked = statuses.filter((s) => s === 401).length;
  assert.ok(checked <= 5, `${checked} password checks (${JSON.stringify(statuses)})`);
  assert.equal(statuses.filter((s) => s === 429).length, 25 - checked);
});

test('the attacker cannot lock the user out: the right password works from the user’s own address', async () => {
  assert.equal(
    await loginFrom('127.0.0.3', 'doctor.c2', DEMO_PASSWORD),
    429,
    'the attacking address is throttled',
  );
  assert.equal(
    await loginFrom('127.0.0.4', 'doctor.c2', DEMO_PASSWORD),
    200,
    'the user’s own address is not',
  );
});

test('a success resets the count for that name and address', async () => {
  for (let i = 0; i < 4; i++) assert.equal(await loginFrom('127.0.0.5', 'specialist.h2', `typo-${i}`), 401);
  assert.equal(await loginFrom('127.0.0.5', 'specialist.h2', DEMO_PASSWORD), 200);
  for (let i = 0; i < 4; i++)
    assert.equal(await loginFrom('127.0.0.5', 'specialist.h2', `typo-again-${i}`), 401);
  assert.equal(await loginFrom('127.0.0.5', 'specialist.h2', DEMO_PASSWORD), 200);
});
