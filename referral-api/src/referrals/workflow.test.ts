import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import pg from 'pg';
import { referralBody, useTestApp } from '@tiered-care/testkit/harness';

const t = useTestApp();
let zhang: string; // C1 patient
let wang: string; // C1 patient

/** A submitted C1→H1 referral about 张桂兰, the starting point of most tests here. */
const zhangToH1 = () =>
  t.createReferral('doctor.c1', referralBody({ patientId: zhang, toInstitutionId: t.dir.inst.H1 }));

/** A C1→H1 cardiology referral about `patientId`, with `extra` fields. */
const toH1Cardiology = (patientId: string, extra: Record<string, unknown> = {}) =>
  t.createReferral(
    'doctor.c1',
    referralBody({
      patientId,
      toInstitutionId: t.dir.inst.H1,
      toDepartmentId: t.dir.dept['H1/CARD'],
      ...extra,
    }),
  );

before(async () => {
  zhang = await t.patientId('doctor.c1', '张桂兰');
  wang = await t.patientId('doctor.c1', '王秀英');
});

async function firstFreeSlot(): Promise<{ id: string; booked: number; location: string }> {
  const res = await t.call(
    'GET',
    `/api/slots?institutionId=${t.dir.inst.H1}&departmentId=${t.dir.dept['H1/CARD']}`,
    { token: await t.login('doctor.c1') },
  );
  assert.equal(res.status, 200);
  const slot = res.body.find((s: { free: number }) => s.free > 0);
  assert.ok(slot, 'the demo data reserves H1 cardiology slots');
  return slot;
}

describe('an up-referral from a township clinic to the city hospital', () => {
  test('runs from submission to completed feedback, seen by both sides', async () => {
    const created = await toH1Cardiology(wang);
    assert.equal(created.status, 'submitted');
    assert.equal(created.direction, 'up');
    assert.equal(created.checkInCode, null);
    assert.deepEqual(created.allowedActions, ['cancel']);
    assert.equal(created.events.length, 1);

    const incoming = await t.call('GET', '/api/referrals?box=incoming&status=submitted', {
      token: await t.login('coordinator.h1'),
    });
    assert.ok(incoming.body.items.some((i: { id: string }) => i.id === created.id));
    assert.ok(incoming.body.counts.submitted >= 1);

    const accepted = await t.mustAct('coordinator.h1', created.id, 'accept', {
      version: 1,
      note: '同意收治',
    });
    assert.equal(accepted.status, 'accepted');
    assert.match(accepted.checkInCode, /^[0-9A-Z]{8}$/);

    const slot = await firstFreeSlot();
    const scheduled = await t.mustAct('coordinator.h1', created.id, 'schedule', {
      version: 2,
      slotId: slot.id,
    });
    assert.equal(scheduled.status, 'scheduled');
    assert.equal(scheduled.appointment.location, slot.location);

    // The code goes to the sending side and the receiving coordinators, not to everyone.
    const asDoctor = await t.call('GET', `/api/referrals/${created.id}`, {
      token: await t.login('doctor.c1'),
    });
    assert.equal(asDoctor.body.checkInCode, accepted.checkInCode);
    const asSpecialist = await t.call('GET', `/api/referrals/${created.id}`, {
      token: await t.login('specialist.h1'),
    });
    assert.equal(asSpecialist.body.checkInCode, null);

    const checkIn = await t.call('POST', '/api/check-in', {
      token: await t.login('coordinator.h1'),
      body: { code: accepted.checkInCode.toLowerCase() },
    });
    assert.equal(checkIn.status, 200, JSON.stringify(checkIn.body));
    assert.equal(checkIn.body.status, 'checked_in');

    const feedback = {
      diagnosis: '稳定型心绞痛',
      treatment: '冠脉造影未见需介入病变，药物治疗',
      advice: '回基层随访，控制血压血脂',
    };
    const completed = await t.mustAct('specialist.h1', created.id, 'complete', { version: 4, feedback });
    assert.equal(completed.status, 'completed');

    const seen = await t.call('GET', `/api/referrals/${created.id}`, { token: await t.login('doctor.c1') });
    assert.equal(seen.body.status, 'completed');
    assert.deepEqual(seen.body.feedback, feedback);
    assert.deepEqual(
      seen.body.events.map((e: { action: string }) => e.action),
      ['submit', 'accept', 'schedule', 'check-in', 'complete'],
    );
    assert.equal(seen.body.events[3].details.via, 'code');
  });

  test('the decisions are signed and the signatures verify', async () => {
    const r = await zhangToH1();
    const accepted = await t.mustAct('coordinator.h1', r.id, 'accept', { version: 1 });
    const event = accepted.events.find((e: { action: string }) => e.action === 'accept');
    assert.equal(event.signed, true);
    const v = await t.call('GET', `/api/referrals/${r.id}/events/${event.id}/verification`, {
      token: await t.login('doctor.c1'),
    });
    assert.equal(v.status, 200);
    assert.equal(v.body.valid, true);
    assert.match(v.body.publicKey, /BEGIN PUBLIC KEY/);

    // Tampering with the stored decision breaks the signature (the table is append-only, so
    // the test lifts the guard trigger as the owner, as an attacker with DB access would).
    const owner = new pg.Client({ connectionString: t.db.adminUrl });
    await owner.connect();
    await owner.query('ALTER TABLE referral_events DISABLE TRIGGER referral_events_append_only');
    await owner.query(`UPDATE referral_events SET details = '{"note":"forged"}' WHERE id = $1`, [event.id]);
    await owner.end();
    const v2 = await t.call('GET', `/api/referrals/${r.id}/events/${event.id}/verification`, {
      token: await t.login('doctor.c1'),
    });
    assert.equal(v2.body.valid, false);
  });

  test('an outpatient up-referral with a free reserved slot is booked at submission', async () => {
    const slot = await firstFreeSlot();
    const r = await toH1Cardiology(zhang, { type: 'outpatient', priority: 'routine', slotId: slot.id });
    assert.equal(r.status, 'scheduled');
    assert.equal(r.appointment.slotId, slot.id);
    assert.match(r.checkInCode, /^[0-9A-Z]{8}$/);
    const after = await firstFreeSlot();
    if (after.id === slot.id) assert.equal(after.booked, slot.booked + 1);

    // Cancelling gives the place back.
    await t.mustAct('doctor.c1', r.id, 'cancel', { version: 1, reason: '患者改期' });
    const slots = await t.call('GET', `/api/slots?institutionId=${t.dir.inst.H1}`, {
      token: await t.login('doctor.c1'),
    });
    assert.equal(slots.body.find((s: { id: string }) => s.id === slot.id).booked, slot.booked);
  });

  test('a slot cannot be booked for an inpatient referral at submission', async () => {
    const slot = await firstFreeSlot();
    const res = await t.call('POST', '/api/referrals', {
      token: await t.login('doctor.c1'),
      body: referralBody({ patientId: zhang, toInstitutionId: t.dir.inst.H1, slotId: slot.id }),
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'slot_not_applicable');
  });

  test('a request for information goes back to the sender and returns with a fresh decision window', async () => {
    const r = await zhangToH1();
    const asked = await t.mustAct('coordinator.h1', r.id, 'request-info', {
      version: 1,
      question: '请补充心肌酶结果',
    });
    assert.equal(asked.status, 'info_requested');
    assert.deepEqual(asked.allowedActions.sort(), ['reject']);
    const answered = await t.mustAct('doctor.c1', r.id, 'provide-info', {
      version: 2,
      answer: 'CK-MB 12 U/L，正常',
    });
    assert.equal(answered.status, 'submitted');
    assert.deepEqual(answered.infoRequest, { question: '请补充心肌酶结果', answer: 'CK-MB 12 U/L，正常' });
    assert.ok(new Date(answered.decisionDueAt) > new Date(r.decisionDueAt));
  });

  test('a rejected referral shows its coded reason to the referring doctor', async () => {
    const r = await zhangToH1();
    await t.mustAct('coordinator.h1', r.id, 'reject', {
      version: 1,
      reasonCode: 'capacity',
      note: '床位已满，建议转县医院',
    });
    const seen = await t.call('GET', `/api/referrals/${r.id}`, { token: await t.login('doctor.c1') });
    assert.equal(seen.body.status, 'rejected');
    assert.deepEqual(seen.body.rejection, { reasonCode: 'capacity', note: '床位已满，建议转县医院' });
    assert.deepEqual(seen.body.allowedActions, []);
  });

  test('a redirect closes the referral and opens a linked one at the new hospital', async () => {
    const r = await zhangToH1();
    const redirected = await t.mustAct('coordinator.h1', r.id, 'redirect', {
      version: 1,
      toInstitutionId: t.dir.inst.H2,
      note: '病情适合县医院内科处理',
    });
    assert.equal(redirected.status, 'redirected');
    const newId = redirected.redirectedToId;
    assert.ok(newId);

    const atH2 = await t.call('GET', `/api/referrals/${newId}`, { token: await t.login('coordinator.h2') });
    assert.equal(atH2.status, 200);
    assert.equal(atH2.body.status, 'submitted');
    assert.equal(atH2.body.parentReferralId, r.id);
    assert.equal(atH2.body.from.institutionId, t.dir.inst.C1);
    const atC1 = await t.call('GET', `/api/referrals/${newId}`, { token: await t.login('doctor.c1') });
    assert.equal(atC1.status, 200);
    // H1 handed it on and takes no part in the new referral.
    const atH1 = await t.call('GET', `/api/referrals/${newId}`, { token: await t.login('coordinator.h1') });
    assert.equal(atH1.status, 404);
  });

  test('a redirect to an institution the sender may not refer to is refused', async () => {
    const r = await zhangToH1();
    const res = await t.act('coordinator.h1', r.id, 'redirect', {
      version: 1,
      toInstitutionId: t.dir.inst.C2,
      note: 'x',
    });
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'route_not_allowed');
  });
});

describe('the rules every action follows', () => {
  test('a stale version gets 409 with the actions that are allowed now', async () => {
    const r = await zhangToH1();
    await t.mustAct('coordinator.h1', r.id, 'request-info', { version: 1, question: '请补充' });
    const res = await t.act('coordinator.h1', r.id, 'accept', { version: 1 });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, 'version_conflict');
    assert.deepEqual(res.body.error.details.allowedActions, ['reject']);
    assert.equal(res.body.error.details.version, 2);
  });

  test('an illegal transition gets 409 invalid_transition', async () => {
    const r = await zhangToH1();
    const res = await t.act('coordinator.h1', r.id, 'complete', {
      version: 1,
      feedback: { diagnosis: 'a', treatment: 'b', advice: 'c' },
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, 'invalid_transition');
  });

  test('the wrong side or role gets 403', async () => {
    const r = await zhangToH1();
    const bySender = await t.act('doctor.c1', r.id, 'accept', { version: 1 });
    assert.equal(bySender.status, 403);
    const byAdmin = await t.act('admin.h1', r.id, 'accept', { version: 1 });
    assert.equal(byAdmin.status, 403);
    const byReceiver = await t.act('coordinator.h1', r.id, 'cancel', { version: 1, reason: 'x' });
    assert.equal(byReceiver.status, 403);
  });

  test('someone outside the referral gets 404, never a hint that it exists', async () => {
    const r = await zhangToH1();
    for (const user of ['doctor.c2', 'coordinator.h2', 'admin.region']) {
      const read = await t.call('GET', `/api/referrals/${r.id}`, { token: await t.login(user) });
      assert.equal(read.status, 404, user);
      const action = await t.act(user, r.id, 'accept', { version: 1 });
      assert.equal(action.status, 404, user);
      assert.deepEqual(Object.keys(action.body.error).sort(), ['code', 'message']);
    }
  });

  test('a draft stays with the sender until it is submitted', async () => {
    const r = await t.createReferral(
      'doctor.c1',
      referralBody({ patientId: zhang, toInstitutionId: t.dir.inst.H1, draft: true }),
    );
    assert.equal(r.status, 'draft');
    assert.equal(r.submittedAt, null);
    const hidden = await t.call('GET', `/api/referrals/${r.id}`, { token: await t.login('coordinator.h1') });
    assert.equal(hidden.status, 404);
    const submitted = await t.mustAct('doctor.c1', r.id, 'submit', { version: 1 });
    assert.equal(submitted.status, 'submitted');
    const visible = await t.call('GET', `/api/referrals/${r.id}`, { token: await t.login('coordinator.h1') });
    assert.equal(visible.status, 200);
  });

  test('the same Idempotency-Key gives back the same referral, a different body with it is refused', async () => {
    const token = await t.login('doctor.c1');
    const body = referralBody({ patientId: zhang, toInstitutionId: t.dir.inst.H1 });
    const headers = { 'idempotency-key': 'retry-test-0001' };
    const first = await t.call('POST', '/api/referrals', { token, body, headers });
    const second = await t.call('POST', '/api/referrals', { token, body, headers });
    assert.equal(first.status, 201);
    assert.equal(second.status, 200);
    assert.equal(second.body.id, first.body.id);
    const third = await t.call('POST', '/api/referrals', {
      token,
      body: { ...body, priority: 'emergency' },
      headers,
    });
    assert.equal(third.status, 409);
    assert.equal(third.body.error.code, 'idempotency_key_reused');
  });

  test('concurrent retries with one Idempotency-Key create one referral', async () => {
    const token = await t.login('doctor.c1');
    const body = referralBody({
      patientId: zhang,
      toInstitutionId: t.dir.inst.H1,
      reason: 'concurrent retry',
    });
    const headers = { 'idempotency-key': 'retry-test-concurrent' };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.call('POST', '/api/referrals', { token, body, headers })),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 200, 200, 200, 201]);
    assert.equal(new Set(results.map((r) => r.body.id)).size, 1);
  });

  test('the direction follows from the levels and must match a route', async () => {
    const down = await t.createReferral(
      'specialist.h1',
      referralBody({
        patientId: await t.patientId('specialist.h1', '李建国'),
        toInstitutionId: t.dir.inst.C2,
        type: 'outpatient',
      }),
    );
    assert.equal(down.direction, 'down');
    const sideways = await t.call('POST', '/api/referrals', {
      token: await t.login('doctor.c1'),
      body: referralBody({ patientId: zhang, toInstitutionId: t.dir.inst.C2 }),
    });
    assert.equal(sideways.status, 403);
    assert.equal(sideways.body.error.code, 'route_not_allowed');
    const foreignDept = await t.call('POST', '/api/referrals', {
      token: await t.login('doctor.c1'),
      body: referralBody({
        patientId: zhang,
        toInstitutionId: t.dir.inst.H1,
        toDepartmentId: t.dir.dept['H2/IM'],
      }),
    });
    assert.equal(foreignDept.status, 404);
  });

  test('a patient the caller cannot see cannot be referred', async () => {
    const liu = await t.patientId('doctor.c2', '刘德明');
    const res = await t.call('POST', '/api/referrals', {
      token: await t.login('doctor.c1'),
      body: referralBody({ patientId: liu, toInstitutionId: t.dir.inst.H1 }),
    });
    assert.equal(res.status, 404);
  });
});
