import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { referralBody, useTestApp } from '@tiered-care/testkit/harness';

const t = useTestApp();

test('several people accepting the same version at once: exactly one succeeds, the others get 409', async () => {
  const r = await t.createReferral(
    'doctor.c1',
    referralBody({
      patientId: await t.patientId('doctor.c1', '张桂兰'),
      toInstitutionId: t.dir.inst.H1,
      toDepartmentId: t.dir.dept['H1/CARD'],
    }),
  );
  const users = [
    'coordinator.h1',
    'specialist.h1',
    'coordinator.h1',
    'specialist.h1',
    'coordinator.h1',
    'specialist.h1',
  ];
  const results = await Promise.all(users.map((u) => t.act(u, r.id, 'accept', { version: 1 })));
  const statuses = results.map((x) => x.status).sort();
  assert.deepEqual(statuses, [200, 409, 409, 409, 409, 409]);
  for (const loser of results.filter((x) => x.status === 409)) {
    assert.equal(loser.body.error.code, 'version_conflict');
  }
  const owner = new pg.Client({ connectionString: t.db.ownerUrl });
  await owner.connect();
  const events = await owner.query(
    `SELECT count(*)::int AS n FROM referral_events WHERE referral_id = $1 AND action = 'accept'`,
    [r.id],
  );
  const audits = await owner.query(
    `SELECT count(*)::int AS n FROM audit_log WHERE referral_id = $1 AND action = 'referral.accept'`,
    [r.id],
  );
  const row = await owner.query('SELECT version, status FROM referrals WHERE id = $1', [r.id]);
  await owner.end();
  assert.equal(events.rows[0].n, 1);
  assert.equal(audits.rows[0].n, 1);
  assert.deepEqual(row.rows[0], { version: 2, status: 'accepted' });
});

test('a reserved slot is never overbooked by simultaneous submissions', async () => {
  const slots = await t.call(
    'GET',
    `/api/slots?institutionId=${t.dir.inst.H1}&departmentId=${t.dir.dept['H1/CARD']}`,
    {
      token: await t.login('doctor.c1'),
    },
  );
  const slot = slots.body.at(-1);
  assert.equal(slot.capacity - slot.booked, 2);
  const patient = await t.patientId('doctor.c1', '李建国');
  const token = await t.login('doctor.c1');
  const results = await Promise.all(
    Array.from({ length: 6 }, () =>
      t.call('POST', '/api/referrals', {
        token,
        body: referralBody({
          patientId: patient,
          toInstitutionId: t.dir.inst.H1,
          toDepartmentId: t.dir.dept['H1/CARD'],
          type: 'outpatient',
          slotId: slot.id,
        }),
      }),
    ),
  );
  assert.deepEqual(results.map((x) => x.status).sort(), [201, 201, 409, 409, 409, 409]);
  assert.ok(results.filter((x) => x.status === 409).every((x) => x.body.error.code === 'slot_unavailable'));
  const after = await t.call(
    'GET',
    `/api/slots?institutionId=${t.dir.inst.H1}&departmentId=${t.dir.dept['H1/CARD']}`,
    {
      token,
    },
  );
  assert.equal(after.body.find((s: { id: string }) => s.id === slot.id).booked, slot.capacity);
});
