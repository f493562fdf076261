// Minimum necessary: a consultation guest sees the patient while the consultation lasts, but may
// not pass the patient on. Found by trying: specialist.h2, a guest of the demo consultation about
// 张桂兰, created a referral about her to C2, which then read her record and images.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { referralBody, useTestApp } from '@tiered-care/testkit/harness';

const t = useTestApp();
let zhang: string;

before(async () => {
  // The guest learns her id from the consultation they take part in.
  const schedule = await t.call<{ id: string; hasPatient: boolean }[]>('GET', '/api/consultations', {
    token: await t.login('specialist.h2'),
  });
  const demo = schedule.body.find((c) => c.hasPatient);
  assert.ok(demo, 'specialist.h2 takes part in the demo consultation');
  const detail = await t.call('GET', `/api/consultations/${demo.id}`, {
    token: await t.login('specialist.h2'),
  });
  zhang = detail.body.patient.id;
});

/** A routine consultation request about 张桂兰 to institution `to`. */
const requestConsultAboutZhang = (token: string, to: string, question: string) =>
  t.call('POST', '/api/consultations', {
    token,
    body: {
      mode: 'request',
      toInstitutionId: t.dir.inst[to],
      priority: 'routine',
      question,
      patientId: zhang,
    },
  });

describe('passing a patient on', () => {
  test('a consultation guest may read the patient but not refer them or request a consultation about them', async () => {
    const token = await t.login('specialist.h2');
    assert.equal(
      (await t.call('GET', `/api/patients/${zhang}`, { token })).status,
      200,
      'the guest reads her',
    );
    const referral = await t.call('POST', '/api/referrals', {
      token,
      headers: { 'Idempotency-Key': 'guest-passes-on-0001' },
      body: referralBody({ patientId: zhang, toInstitutionId: t.dir.inst.C2 }),
    });
    assert.equal(referral.status, 403, JSON.stringify(referral.body));
    assert.equal(referral.body.error.code, 'patient_not_held');
    const consult = await requestConsultAboutZhang(token, 'C2', '转交');
    assert.equal(consult.status, 403);
    assert.equal(consult.body.error.code, 'patient_not_held');
    // C2 never came to see her.
    const c2 = await t.call('GET', `/api/patients/${zhang}`, { token: await t.login('doctor.c2') });
    assert.equal(c2.status, 404);
  });

  test('the institutions that hold her record still can: C1 registered her, H1 received her referral', async () => {
    const c1 = await requestConsultAboutZhang(await t.login('doctor.c1'), 'H2', '请会诊');
    assert.equal(c1.status, 201, JSON.stringify(c1.body));
    const h1 = await requestConsultAboutZhang(await t.login('specialist.h1'), 'H2', '请会诊');
    assert.equal(h1.status, 201, JSON.stringify(h1.body));
  });
});
