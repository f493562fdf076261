// Values the database refuses are the client's 400, never a 500: the probes that gave 500s.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useTestApp } from '@tiered-care/testkit/harness';

const t = useTestApp();

const forged = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

test('year-0000 dates, forged cursors and NUL bytes are 400 in the one error shape', async () => {
  const token = await t.login('coordinator.h1');
  const doctor = await t.login('doctor.c1');
  const probes: [string, string, string, unknown?][] = [
    [token, 'GET', '/api/referrals?box=incoming&appointmentDate=0000-01-01'],
    [token, 'GET', '/api/stats/referrals?from=0000-01-01'],
    [token, 'GET', `/api/slots?institutionId=${t.dir.inst.H1}&from=0000-01-01`],
    [token, 'GET', '/api/consultations?from=0000-01-01'],
    [
      token,
      'GET',
      `/api/referrals?box=incoming&cursor=${forged({ r: 1, t: '0000-01-01T00:00:00Z', i: '00000000-0000-4000-8000-000000000000' })}`,
    ],
    [
      token,
      'GET',
      `/api/referrals?box=incoming&cursor=${forged({ r: 1, t: '275760-09-13T00:00:00Z', i: '00000000-0000-4000-8000-000000000000' })}`,
    ],
    [token, 'GET', '/api/patients?q=%00'],
    [token, 'GET', '/api/users?q=%00'],
    [
      doctor,
      'POST',
      '/api/patients',
      { name: '测试', gender: 'male', birthDate: '0000-01-01', idNumber: '11010519491231002X' },
    ],
  ];
  for (const [who, method, path, body] of probes) {
    const res = await t.call(method, path, { token: who, body });
    assert.equal(res.status, 400, `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    assert.equal(typeof res.body.error.code, 'string', path);
  }
});
