import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import {
  actorOf,
  createConsultation,
  demoActors,
  demoReferralId,
  inHours,
  startTestApp,
  type TestApp,
} from '@tiered-care/testkit/harness';
import type { Actor } from '@tiered-care/platform';

let t: TestApp;
let actors: Record<string, Actor>;
let consultationId: string;
const id = (username: string) => actorOf(actors, username).userId;

before(async () => {
  t = await startTestApp();
  actors = await demoActors(t.db);
  const c = await createConsultation(t, 'doctor.c1', {
    title: '冠脉评估会诊',
    scheduledAt: inHours(1),
    durationMinutes: 30,
    participantUserIds: [id('specialist.h1'), id('specialist.h2'), id('coordinator.h1')],
    referralId: await demoReferralId(t),
  });
  consultationId = c.id;
});
after(() => t.close());

const path = () => `/api/consultations/${consultationId}/opinion`;
async function write(username: string, text: string) {
  return t.call('POST', path(), { token: await t.login(username), body: { text } });
}
async function read(username: string) {
  return t.call('GET', path(), { token: await t.login(username) });
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe('consultation opinions', () => {
  test('a specialist taking part writes a signed opinion that every participant can verify', async () => {
    const text = '考虑不稳定型心绞痛，建议尽快上转行冠脉造影，术前继续双抗治疗。';
    const res = await write('specialist.h1', text);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.text, text);
    assert.equal(res.body.revision, 1);
    assert.equal(res.body.valid, true);
    assert.equal(res.body.author.userId, id('specialist.h1'));
    assert.match(res.body.publicKey, /BEGIN PUBLIC KEY/);
    for (const username of ['doctor.c1', 'coordinator.h1', 'specialist.h2']) {
      const got = await read(username);
      assert.equal(got.status, 200);
      assert.equal(got.body.length, 1);
      const [o] = got.body;
      assert.equal(o.text, text);
      assert.equal(o.valid, true);
      assert.equal(o.signature, res.body.signature);
    }
  });

  test('a new save is a new revision; the latest wins and the earlier one is kept', async () => {
    await write('specialist.h2', '同意上述意见。');
    const revised = await write('specialist.h2', '同意上述意见，另建议复查心脏彩超。');
    assert.equal(revised.body.revision, 2);
    const got = await read('doctor.c1');
    const h2 = got.body.filter((o: any) => o.author.userId === id('specialist.h2'));
    assert.equal(h2.length, 1);
    assert.equal(h2[0].text, '同意上述意见，另建议复查心脏彩超。');
    assert.equal(h2[0].valid, true);
    const detail = await t.call('GET', `/api/consultations/${consultationId}`, {
      token: await t.login('coordinator.h1'),
    });
    assert.equal(detail.body.opinions.length, 2, 'one current opinion per author in the detail too');
    const stored = await withClient(t.db.ownerUrl, (c) =>
      c.query('SELECT revision FROM consultation_opinions WHERE author_user_id = $1 ORDER BY revision', [
        id('specialist.h2'),
      ]),
    );
    assert.deepEqual(
      stored.rows.map((r) => r.revision),
      [1, 2],
    );
  });

  test('changing the stored text behind the app’s back makes the signature invalid', async () => {
    // The owner can't: opinions are append-only for every role.
    await withClient(t.db.ownerUrl, async (c) => {
      await assert.rejects(c.query(`UPDATE consultation_opinions SET text = 'x'`), /append-only/);
    });
    // A superuser can switch triggers off; the signature still gives the change away.
    await withClient(t.db.adminUrl, async (c) => {
      await c.query(`SET session_replication_role = replica`);
      const { rowCount } = await c.query(
        `UPDATE consultation_opinions SET text = '不考虑心绞痛，无需上转。' WHERE author_user_id = $1`,
        [id('specialist.h1')],
      );
      assert.equal(rowCount, 1);
    });
    const got = await read('doctor.c1');
    const h1 = got.body.find((o: any) => o.author.userId === id('specialist.h1'));
    assert.equal(h1.text, '不考虑心绞痛，无需上转。');
    assert.equal(h1.valid, false);
    const h2 = got.body.find((o: any) => o.author.userId === id('specialist.h2'));
    assert.equal(h2.valid, true, 'the untouched opinion still verifies');
  });

  test('the referring doctor signs one too; a participant who is no clinician may not', async () => {
    const doctor = await write('doctor.c1', '同意上级医院意见，回院随访。');
    assert.equal(doctor.status, 201);
    assert.equal(doctor.body.valid, true);
    const res = await write('coordinator.h1', '我的意见');
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'clinician_required');
  });

  test('a specialist who is not taking part gets 404, as for a consultation that does not exist', async () => {
    const other = await createConsultation(t, 'doctor.c1', {
      title: '另一会诊',
      scheduledAt: inHours(3),
      durationMinutes: 30,
      participantUserIds: [id('specialist.h2')],
    });
    const res = await t.call('POST', `/api/consultations/${other.id}/opinion`, {
      token: await t.login('specialist.h1'),
      body: { text: '意见' },
    });
    assert.equal(res.status, 404);
    assert.equal((await read('doctor.c2')).status, 404);
  });

  test('an empty or oversized opinion is 400', async () => {
    assert.equal((await write('specialist.h1', '   ')).status, 400);
    assert.equal((await write('specialist.h1', 'x'.repeat(20001))).status, 400);
  });
});
