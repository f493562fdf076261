// The cost of a change in round trips to PostgreSQL: each statement waits for the database, and
// under row-level security each is planned and checked again. Counted on a pool of the app role,
// the domain functions called as the routes call them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CreateReferralBody } from '@tiered-care/common';
import { createPool, withActor } from '@tiered-care/platform';
import { actorOf, demoActors, referralBody, useTestApp } from '@tiered-care/testkit/harness';
import { countStatements } from '../../bench/count';
import { performAction } from './actions';
import { createReferral } from './create';

const t = useTestApp();

test('create + submit and accept each take at most five statements, BEGIN and COMMIT included', async () => {
  const pool = createPool(t.db.appUrl, 2, { careAccessDays: 90 });
  const count = countStatements(pool);
  try {
    const actors = await demoActors(t.db);
    const doctor = actorOf(actors, 'doctor.c1');
    const coordinator = actorOf(actors, 'coordinator.h1');
    const body = CreateReferralBody.parse(
      referralBody({
        patientId: await t.patientId('doctor.c1', '张桂兰'),
        toInstitutionId: t.dir.inst.H1,
        toDepartmentId: t.dir.dept['H1/CARD'],
      }),
    );
    const created = await withActor(pool, doctor, (db) =>
      createReferral(db, t.services.crypto, doctor, body, 'round-trip-key'),
    );
    const afterCreate = count().inTx;
    assert.equal(created.referral.status, 'submitted');
    assert.equal(created.referral.events.length, 1);
    assert.ok(afterCreate <= 5, `create + submit took ${afterCreate} statements`);

    const accepted = await withActor(pool, coordinator, (db) =>
      performAction(db, t.services.crypto, coordinator, created.referral.id, 'accept', { version: 1 }),
    );
    const forAccept = count().inTx - afterCreate;
    assert.equal(accepted.status, 'accepted');
    assert.deepEqual(
      accepted.events.map((e) => [e.action, e.signed]),
      [
        ['submit', false],
        ['accept', true],
      ],
    );
    assert.ok(forAccept <= 5, `accept took ${forAccept} statements`);
  } finally {
    await pool.end();
  }
});
