import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { before, describe, test } from 'node:test';
import pg from 'pg';
import {
  actorOf,
  createConsultation,
  demoActors,
  demoReferralId,
  inHours,
  patientId,
  useTestApp,
} from '@tiered-care/testkit/harness';
import type { Actor } from '@tiered-care/platform';

const t = useTestApp();
let actors: Record<string, Actor>;
let referralId: string;
let zhang: string;
const id = (username: string) => actorOf(actors, username).userId;

before(async () => {
  actors = await demoActors((await t.ready()).db);
  referralId = await demoReferralId(t);
  zhang = await patientId(t, 'doctor.c1', '张桂兰');
});

const about = (overrides: Record<string, unknown> = {}) => ({
  title: '张桂兰 胸痛 远程会诊',
  scheduledAt: inHours(2),
  durationMinutes: 45,
  participantUserIds: [id('specialist.h1'), id('coordinator.h1')],
  referralId,
  ...overrides,
});

async function get(username: string, path: string) {
  return t.call('GET', path, { token: await t.login(username) });
}

describe('scheduling a consultation', () => {
  test('a township doctor invites a city specialist and coordinator about the referred patient', async () => {
    const c = await createConsultation(t, 'doctor.c1', about());
    assert.equal(c.status, 'scheduled');
    assert.equal(c.myRole, 'host');
    assert.equal(c.referralId, referralId);
    assert.deepEqual(c.patient, { id: zhang, name: '张桂兰', gender: 'female', birthDate: '1956-03-14' });
    const byUser = new Map(c.participants.map((p) => [p.userId, p]));
    assert.equal(c.participants.length, 3);
    assert.equal(byUser.get(id('doctor.c1'))?.role, 'host');
    const specialist = byUser.get(id('specialist.h1'))!;
    assert.equal(specialist.role, 'participant');
    assert.equal(specialist.displayName, '周主任');
    assert.equal(specialist.institutionName, '市第一人民医院');
    assert.equal(specialist.departmentName, '心内科');
    assert.equal(specialist.recordingConsentAt, null);
    assert.deepEqual(c.opinions, []);
    assert.deepEqual(c.recordings, []);
  });

  test('each participant sees it in their schedule and can open it', async () => {
    const c = await createConsultation(t, 'doctor.c1', about({ title: '日程可见' }));
    for (const username of ['doctor.c1', 'specialist.h1', 'coordinator.h1']) {
      const list = await get(username, '/api/consultations');
      assert.equal(list.status, 200);
      const item = list.body.find((i: any) => i.id === c.id);
      assert.ok(item, `${username} sees it`);
      assert.equal(item.title, '日程可见');
      assert.equal(item.participantCount, 3);
      assert.equal(item.host.displayName, '赵医生');
      assert.equal(item.hasPatient, true);
      assert.equal(item.myRole, username === 'doctor.c1' ? 'host' : 'participant');
      const detail = await get(username, `/api/consultations/${c.id}`);
      assert.equal(detail.status, 200);
      assert.equal(detail.body.patient.name, '张桂兰');
    }
  });

  test('the schedule shows only the days asked for', async () => {
    const c = await createConsultation(t, 'doctor.c1', about({ title: '十天后', scheduledAt: inHours(240) }));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const near = await get('specialist.h1', `/api/consultations?from=${today}&to=${today}`);
    assert.equal(near.status, 200);
    assert.ok(!near.body.some((i: any) => i.id === c.id));
    const all = await get('specialist.h1', '/api/consultations');
    assert.ok(
      all.body.some((i: any) => i.id === c.id),
      'within the default 30 days',
    );
    const backwards = await get('specialist.h1', '/api/consultations?from=2026-05-02&to=2026-05-01');
    assert.equal(backwards.status, 400);
  });

  test('someone not invited gets 404 and does not see it in their schedule, even an administrator', async () => {
    const c = await createConsultation(t, 'doctor.c1', about());
    for (const username of ['doctor.c2', 'admin.region', 'coordinator.c1', 'specialist.h2']) {
      const one = await get(username, `/api/consultations/${c.id}`);
      assert.equal(one.status, 404, username);
      assert.equal(one.body.error.code, 'not_found');
      // specialist.h2 has the demo consultation in their schedule; this one is in nobody's but ours.
      const schedule = (await get(username, '/api/consultations')).body as { id: string }[];
      assert.ok(!schedule.some((i) => i.id === c.id), username);
      for (const sub of ['opinion', 'messages']) {
        assert.equal((await get(username, `/api/consultations/${c.id}/${sub}`)).status, 404);
      }
    }
    // Same answer as for an id that does not exist at all.
    assert.equal((await get('doctor.c2', `/api/consultations/${randomUUID()}`)).status, 404);
  });

  test('an administrator of an institution taking part reads the record for audit, and takes no part', async () => {
    const c = await createConsultation(t, 'doctor.c1', about());
    const record = await get('admin.h1', `/api/consultations/${c.id}/record`);
    assert.equal(record.status, 200);
    assert.equal(record.body.myRole, null);
    assert.deepEqual(record.body.allowedActions, []);
    const schedule = (await get('admin.h1', '/api/consultations')).body as { id: string }[];
    assert.ok(!schedule.some((i) => i.id === c.id), 'not in their schedule');
  });

  test('the invitation is announced on consultation_changed after commit, with ids only', async () => {
    const listener = new pg.Client({ connectionString: t.db.ownerUrl });
    await listener.connect();
    const heard: any[] = [];
    listener.on('notification', (m) => {
      if (m.channel === 'consultation_changed' && m.payload) heard.push(JSON.parse(m.payload));
    });
    await listener.query('LISTEN consultation_changed');
    try {
      const c = await createConsultation(t, 'doctor.c1', about());
      const end = Date.now() + 5000;
      while (!heard.some((n) => n.consultationId === c.id) && Date.now() < end) await sleep(20);
      const n = heard.find((x) => x.consultationId === c.id);
      assert.ok(n, 'notification received');
      assert.equal(n.action, 'invited');
      assert.deepEqual(
        [...n.userIds].sort(),
        [id('doctor.c1'), id('specialist.h1'), id('coordinator.h1')].sort(),
      );
      assert.doesNotMatch(JSON.stringify(n), /张桂兰/);
    } finally {
      await listener.end();
    }
  });

  test('a referral about the patient derives the patient; a referral the caller cannot see is 404', async () => {
    const c = await createConsultation(t, 'doctor.c1', about({ patientId: zhang }));
    assert.equal(c.patient?.id, zhang);
    const foreign = await t.call('POST', '/api/consultations', {
      token: await t.login('doctor.c2'),
      body: about({ participantUserIds: [id('specialist.h1')] }),
    });
    assert.equal(foreign.status, 404);
    const mismatch = await t.call('POST', '/api/consultations', {
      token: await t.login('doctor.c1'),
      body: about({ patientId: await patientId(t, 'doctor.c1', '王秀英') }),
    });
    assert.equal(mismatch.status, 400);
    assert.equal(mismatch.body.error.code, 'patient_mismatch');
  });
});

describe('bad input to POST /api/consultations', () => {
  const post = async (body: unknown, username = 'doctor.c1') =>
    t.call('POST', '/api/consultations', { token: await t.login(username), body });

  test('an unknown participant is refused in the one error shape, naming the id', async () => {
    const ghost = randomUUID();
    const res = await post(about({ participantUserIds: [id('specialist.h1'), ghost] }));
    assert.equal(res.status, 400);
    assert.deepEqual(Object.keys(res.body), ['error']);
    assert.equal(res.body.error.code, 'participant_not_invitable');
    assert.deepEqual(res.body.error.details.userIds, [ghost]);
  });

  test('duplicate participants, a zero duration and unknown fields are 400', async () => {
    const dup = await post(about({ participantUserIds: [id('specialist.h1'), id('specialist.h1')] }));
    assert.equal(dup.status, 400);
    assert.equal(dup.body.error.code, 'invalid_request');
    assert.ok(dup.body.error.details.some((d: any) => d.path === 'participantUserIds'));
    const zero = await post(about({ durationMinutes: 0 }));
    assert.equal(zero.status, 400);
    assert.ok(zero.body.error.details.some((d: any) => d.path === 'durationMinutes'));
    assert.equal((await post(about({ durationMinutes: 481 }))).status, 400);
    assert.equal((await post(about({ scheduledAt: '2030-01-01T09:00:00' }))).status, 400, 'no offset');
    assert.equal((await post(about({ status: 'live' }))).status, 400);
    assert.equal((await post(about({ participantUserIds: [] }))).status, 400);
  });

  test('the host listing themselves, a regional administrator, or a past time are refused', async () => {
    const self = await post(about({ participantUserIds: [id('doctor.c1')] }));
    assert.equal(self.body.error.code, 'host_listed');
    const regional = await post(about({ participantUserIds: [id('admin.region')] }));
    assert.equal(regional.status, 400, 'regional administrators never see patient details');
    const past = await post(about({ scheduledAt: inHours(-5) }));
    assert.equal(past.body.error.code, 'scheduled_in_past');
  });

  test('an institution administrator may not arrange consultations', async () => {
    const res = await post(
      about({ referralId: undefined, participantUserIds: [id('specialist.h1')] }),
      'admin.h1',
    );
    assert.equal(res.status, 403);
  });
});

describe('ending a consultation', () => {
  test('only the host ends it, and only once; the others see it ended', async () => {
    const c = await createConsultation(t, 'doctor.c1', about());
    const end = async (username: string) =>
      t.call('POST', `/api/consultations/${c.id}/end`, { token: await t.login(username) });
    assert.equal((await end('specialist.h1')).status, 403);
    assert.equal((await end('doctor.c2')).status, 404);
    const ok = await end('doctor.c1');
    assert.equal(ok.status, 200);
    assert.equal(ok.body.status, 'ended');
    assert.ok(ok.body.endedAt);
    assert.equal((await end('doctor.c1')).status, 409);
    const seen = await get('coordinator.h1', `/api/consultations/${c.id}`);
    assert.equal(seen.body.status, 'ended');
  });
});

describe('the consultation’s patient', () => {
  test('a participant of another institution reads the patient, a colleague not invited does not', async () => {
    const wang = await patientId(t, 'doctor.c1', '王秀英');
    const path = `/api/patients/${wang}`;
    assert.equal((await get('specialist.h2', path)).status, 404, 'not visible before the invitation');
    const c = await createConsultation(
      t,
      'doctor.c1',
      about({ referralId: undefined, patientId: wang, participantUserIds: [id('specialist.h2')] }),
    );
    const asParticipant = await get('specialist.h2', path);
    assert.equal(asParticipant.status, 200);
    assert.equal(asParticipant.body.name, '王秀英');
    // Same institution, not invited: row-level security is per participant, not per hospital.
    assert.equal((await get('coordinator.h2', path)).status, 404);
    assert.equal((await get('doctor.c2', path)).status, 404);
    // The detail read is audited as a read of the patient.
    await get('specialist.h2', `/api/consultations/${c.id}`);
    const owner = new pg.Client({ connectionString: t.db.ownerUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query(
        `SELECT action, patient_id, actor_user_id FROM audit_log WHERE entity_id = $1 ORDER BY id`,
        [c.id],
      );
      assert.deepEqual(
        rows.map((r) => r.action),
        ['consultation.create', 'consultation.read'],
      );
      assert.equal(rows[1].patient_id, wang);
      assert.equal(rows[1].actor_user_id, id('specialist.h2'));
    } finally {
      await owner.end();
    }
  });
});
