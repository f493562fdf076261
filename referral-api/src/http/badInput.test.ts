// Bad input from a client is the client's problem: a 4xx in the one error shape, never a 5xx,
// never a stack trace, a module path or a piece of SQL.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { useTestApp } from '@tiered-care/testkit/harness';

const app = useTestApp();
let token: string;
let c1Patient: string;
let h1Id: string;

before(async () => {
  token = await app.login('doctor.c1');
  c1Patient = await app.patientId('doctor.c1', '张桂兰');
  h1Id = app.dir.inst.H1 ?? '';
});

interface Raw {
  status: number;
  text: string;
  contentType: string | null;
}

/** A request with full control over the body bytes and headers; returns the raw text. */
async function raw(
  method: string,
  path: string,
  opts: { body?: string; headers?: Record<string, string> } = {},
): Promise<Raw> {
  const res = await fetch(app.baseUrl + path, { method, headers: opts.headers, body: opts.body });
  return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') };
}

const STACK_FRAME = /\bat\s+\S+\s+\(|\bat\s+(file:|node:|\/)/;
const SQL = /\b(SELECT|INSERT INTO|UPDATE\s+\w+\s+SET|DELETE FROM|WHERE|relation "|syntax error)\b/i;

/** Status 4xx, exactly `{error:{code, message, details?}}`, nothing internal in the text. */
function assertCleanClientError(r: Raw, expectedStatus?: number, expectedCode?: string): any {
  assert.ok(r.status >= 400 && r.status < 500, `expected a 4xx, got ${r.status}: ${r.text}`);
  if (expectedStatus !== undefined) assert.equal(r.status, expectedStatus, r.text);
  assert.match(r.contentType ?? '', /application\/json/);
  const body = JSON.parse(r.text) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body), ['error'], 'the only top-level key is `error`');
  const error = body.error as Record<string, unknown>;
  assert.equal(typeof error, 'object');
  const keys = Object.keys(error).sort();
  assert.ok(
    JSON.stringify(keys) === '["code","message"]' || JSON.stringify(keys) === '["code","details","message"]',
    `error keys are code, message and optionally details, got ${keys.join(',')}`,
  );
  assert.equal(typeof error.code, 'string');
  assert.equal(typeof error.message, 'string');
  assert.ok((error.code as string).length > 0);
  if (expectedCode !== undefined) assert.equal(error.code, expectedCode);
  assert.doesNotMatch(r.text, STACK_FRAME, 'no stack frames');
  assert.ok(!r.text.includes('node_modules'), 'no module paths');
  assert.ok(!r.text.includes('/src/'), 'no source paths');
  assert.doesNotMatch(r.text, SQL, 'no SQL');
  return body;
}

const validReferral = () => ({
  patientId: c1Patient,
  toInstitutionId: h1Id,
  type: 'outpatient',
  priority: 'routine',
  reason: '胸闷待查',
  diagnosis: { code: 'R07.4', text: '胸痛' },
  summary: '门诊随访',
});

const authJson = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

describe('bad input never gives a 5xx or a stack trace', () => {
  test('a malformed JSON body is a 400 malformed_json', async () => {
    const r = await raw('POST', '/api/referrals', { headers: authJson(), body: '{"patientId": "abc",' });
    assertCleanClientError(r, 400, 'malformed_json');
  });

  test('a malformed JSON body on the public login route is a 400 too', async () => {
    const r = await raw('POST', '/api/auth/login', {
      headers: { 'content-type': 'application/json' },
      body: "{username: 'doctor.c1'}",
    });
    assertCleanClientError(r, 400, 'malformed_json');
  });

  test('a field of the wrong type is a 400 with the offending path in the details', async () => {
    const r = await raw('POST', '/api/referrals', {
      headers: authJson(),
      body: JSON.stringify({ ...validReferral(), priority: 5 }),
    });
    const body = assertCleanClientError(r, 400, 'invalid_request');
    assert.ok(Array.isArray(body.error.details));
    assert.ok(body.error.details.some((d: any) => d.path === 'priority'));
  });

  test('a JSON array where an object is expected is a 400', async () => {
    const r = await raw('POST', '/api/referrals', { headers: authJson(), body: '[1,2,3]' });
    assertCleanClientError(r, 400);
  });

  test('a JSON null body is a 400', async () => {
    const r = await raw('POST', '/api/referrals', { headers: authJson(), body: 'null' });
    assertCleanClientError(r, 400);
  });

  test('an unknown field is refused by the strict schemas', async () => {
    const r = await raw('POST', '/api/referrals', {
      headers: authJson(),
      body: JSON.stringify({ ...validReferral(), status: 'accepted' }),
    });
    const body = assertCleanClientError(r, 400, 'invalid_request');
    assert.ok(body.error.details.some((d: any) => d.code === 'unrecognized_keys'));
  });

  test('an unknown field in a nested object is refused too', async () => {
    const r = await raw('POST', '/api/referrals', {
      headers: authJson(),
      body: JSON.stringify({ ...validReferral(), diagnosis: { code: 'R07.4', text: '胸痛', extra: 1 } }),
    });
    assertCleanClientError(r, 400, 'invalid_request');
  });

  test('an unknown query parameter is refused', async () => {
    const r = await raw('GET', '/api/referrals?box=incoming&foo=bar', { headers: authJson() });
    assertCleanClientError(r, 400, 'invalid_request');
  });

  test('a repeated query parameter is a 400, not a crash', async () => {
    const r = await raw('GET', '/api/referrals?box=incoming&box=outgoing', { headers: authJson() });
    assertCleanClientError(r, 400);
  });

  test('a body over 256 kB is a 413 payload_too_large', async () => {
    const big = JSON.stringify({ ...validReferral(), summary: 'x'.repeat(300 * 1024) });
    assert.ok(big.length > 256 * 1024);
    const r = await raw('POST', '/api/referrals', { headers: authJson(), body: big });
    assertCleanClientError(r, 413, 'payload_too_large');
  });

  test('an oversized body is a 413 even without a token', async () => {
    const big = JSON.stringify({ username: 'x'.repeat(300 * 1024), password: 'y' });
    const r = await raw('POST', '/api/auth/login', {
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    assertCleanClientError(r, 413, 'payload_too_large');
  });

  test('an unknown referral id (random UUID) is a 404', async () => {
    const r = await raw('GET', `/api/referrals/${randomUUID()}`, { headers: authJson() });
    assertCleanClientError(r, 404, 'not_found');
  });

  test('an unknown patient id (random UUID) is a 404', async () => {
    const r = await raw('GET', `/api/patients/${randomUUID()}`, { headers: authJson() });
    assertCleanClientError(r, 404, 'not_found');
  });

  test('a non-UUID id is a 404, not a database cast error', async () => {
    for (const path of [
      '/api/referrals/not-a-uuid',
      '/api/patients/123',
      "/api/referrals/'%20OR%201=1--",
      '/api/referrals/not-a-uuid/slip.pdf',
    ]) {
      const r = await raw('GET', path, { headers: authJson() });
      assertCleanClientError(r, 404, 'not_found');
    }
  });

  test('an action on a non-UUID or unknown referral is a 404', async () => {
    const r1 = await raw('POST', '/api/referrals/xyz/actions/accept', {
      headers: authJson(),
      body: JSON.stringify({ version: 1 }),
    });
    assertCleanClientError(r1, 404, 'not_found');
    const r2 = await raw('POST', `/api/referrals/${randomUUID()}/actions/cancel`, {
      headers: authJson(),
      body: JSON.stringify({ version: 1, reason: '不需要了' }),
    });
    assertCleanClientError(r2, 404, 'not_found');
  });

  test('a non-numeric event id is a 404', async () => {
    const r = await raw('GET', `/api/referrals/${randomUUID()}/events/abc/verification`, {
      headers: authJson(),
    });
    assertCleanClientError(r, 404, 'not_found');
  });

  test('an unknown /api route is a 404 route_not_found', async () => {
    const r = await raw('GET', '/api/does-not-exist', { headers: authJson() });
    assertCleanClientError(r, 404, 'route_not_found');
    const r2 = await raw('DELETE', '/api/referrals', { headers: authJson() });
    assertCleanClientError(r2, 404, 'route_not_found');
  });

  test('a worklist cursor that is not base64 JSON is a 400 invalid_cursor', async () => {
    const r = await raw('GET', '/api/referrals?box=outgoing&cursor=%%%garbage', { headers: authJson() });
    assertCleanClientError(r, 400);
    const r2 = await raw('GET', '/api/referrals?box=outgoing&cursor=bm90LWpzb24', { headers: authJson() });
    assertCleanClientError(r2, 400, 'invalid_cursor');
  });

  test('a worklist cursor with the right keys but bad values is a 400, not a database error', async () => {
    const forged = Buffer.from(JSON.stringify({ r: 1, t: 'yesterday-ish', i: 'not-a-uuid' })).toString(
      'base64url',
    );
    for (const box of ['outgoing', 'incoming']) {
      const r = await raw('GET', `/api/referrals?box=${box}&cursor=${forged}`, { headers: authJson() });
      assertCleanClientError(r, 400, 'invalid_cursor');
    }
  });

  test('a cursor the API itself returned is accepted in both worklists (control for the cases above)', async () => {
    const patients = await app.call('GET', '/api/patients?q=王秀英', { token });
    const created = await app.call('POST', '/api/referrals', {
      token,
      body: { ...validReferral(), patientId: patients.body[0].id },
    });
    assert.equal(created.status, 201);
    const coordinator = await app.login('coordinator.h1');
    for (const [box, who] of [
      ['outgoing', token],
      ['incoming', coordinator],
    ] as const) {
      const page1 = await app.call('GET', `/api/referrals?box=${box}&limit=1`, { token: who });
      assert.equal(page1.status, 200);
      assert.equal(page1.body.items.length, 1);
      assert.equal(typeof page1.body.nextCursor, 'string', `${box} has a second page`);
      const page2 = await raw('GET', `/api/referrals?box=${box}&limit=1&cursor=${page1.body.nextCursor}`, {
        headers: { authorization: `Bearer ${who}` },
      });
      assert.equal(page2.status, 200, `${box} page 2: ${page2.text}`);
      const body = JSON.parse(page2.text);
      assert.equal(body.items.length, 1);
      assert.notEqual(body.items[0].id, page1.body.items[0].id);
    }
  });

  test('a request without a token is a 401', async () => {
    const r = await raw('GET', '/api/referrals?box=incoming');
    assertCleanClientError(r, 401, 'unauthenticated');
    const r2 = await raw('POST', '/api/referrals', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(validReferral()),
    });
    assertCleanClientError(r2, 401, 'unauthenticated');
  });

  test('a garbage or malformed Authorization header is a 401', async () => {
    for (const authorization of [
      'Bearer garbage',
      'Bearer a.b.c',
      'Basic ZG9jdG9yLmMxOkRlbW9AMjAyNg==',
      'Bearer',
      `Bearer ${token} extra`,
    ]) {
      const r = await raw('GET', '/api/me', { headers: { authorization } });
      assertCleanClientError(r, 401, 'unauthenticated');
    }
  });

  test('a tampered token (payload changed, signature kept) is a 401', async () => {
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    claims.roles = ['regional_admin'];
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const r = await raw('GET', '/api/me', { headers: { authorization: `Bearer ${tampered}` } });
    assertCleanClientError(r, 401, 'unauthenticated');
    // And a token with a flipped signature character.
    const flipped = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    const r2 = await raw('GET', '/api/me', { headers: { authorization: `Bearer ${flipped}` } });
    assertCleanClientError(r2, 401, 'unauthenticated');
  });

  test('an unsigned (alg none) token is a 401', async () => {
    const [, payload] = token.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const r = await raw('GET', '/api/me', { headers: { authorization: `Bearer ${header}.${payload}.` } });
    assertCleanClientError(r, 401, 'unauthenticated');
  });

  test('a JSON body sent as text/plain is refused with a 415 and nothing is created', async () => {
    const before = await app.call('GET', '/api/referrals?box=outgoing&limit=100', { token });
    const r = await raw('POST', '/api/referrals', {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: JSON.stringify(validReferral()),
    });
    assertCleanClientError(r, 415, 'unsupported_media_type');
    const r2 = await raw('POST', '/api/referrals', {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'patientId=x&priority=routine',
    });
    assertCleanClientError(r2, 415, 'unsupported_media_type');
    const afterwards = await app.call('GET', '/api/referrals?box=outgoing&limit=100', { token });
    assert.equal(afterwards.body.items.length, before.body.items.length);
  });

  test('an unsupported charset or content encoding is a 415', async () => {
    const r = await raw('POST', '/api/auth/login', {
      headers: { 'content-type': 'application/json; charset=klingon' },
      body: '{}',
    });
    assertCleanClientError(r, 415, 'unsupported_charset');
    const r2 = await raw('POST', '/api/auth/login', {
      headers: { 'content-type': 'application/json', 'content-encoding': 'bogus' },
      body: '{}',
    });
    assertCleanClientError(r2, 415, 'unsupported_encoding');
  });

  test('an out-of-range list limit is a 400', async () => {
    for (const q of ['limit=0', 'limit=101', 'limit=abc', 'limit=1e9']) {
      const r = await raw('GET', `/api/referrals?box=incoming&${q}`, { headers: authJson() });
      assertCleanClientError(r, 400, 'invalid_request');
    }
  });

  test('after all that, the server still answers /healthz with 200', async () => {
    const r = await raw('GET', '/healthz');
    assert.equal(r.status, 200);
    const body = JSON.parse(r.text);
    assert.equal(body.ok, true);
    const me = await app.call('GET', '/api/me', { token });
    assert.equal(me.status, 200);
    assert.equal(me.body.username, 'doctor.c1');
  });
});
