// The functions signaling calls during a live consultation, called here the same way: as the
// socket's user, inside withActor on the app role's pool. And the row-level security proof.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type pg from 'pg';
import { createPool, withActor, type Actor, type Db } from '@tiered-care/platform';
import { actorOf, demoActors, inHours, teardown, useTestApp } from '@tiered-care/testkit/harness';
import {
  addChatMessage,
  allConsented,
  assertParticipant,
  finishRecording,
  listChatMessages,
  markLive,
  recordJoin,
  recordLeave,
  setRecordingConsent,
  startRecording,
} from './index';

const t = useTestApp();
let pool: pg.Pool;
let actors: Record<string, Actor>;
let consultationId: string;
const PEOPLE = ['doctor.c1', 'specialist.h1', 'specialist.h2'];

before(async () => {
  await t.ready();
  pool = createPool(t.db.appUrl, 4);
  actors = await demoActors(t.db);
  const c = await t.createConsultation('doctor.c1', {
    title: '实时会诊',
    scheduledAt: inHours(0.5),
    durationMinutes: 60,
    participantUserIds: [actorOf(actors, 'specialist.h1').userId, actorOf(actors, 'specialist.h2').userId],
  });
  consultationId = c.id;
});
teardown(() => pool.end());

const as = <T>(username: string, fn: (db: Db, actor: Actor) => Promise<T>): Promise<T> => {
  const actor = actorOf(actors, username);
  return withActor(pool, actor, (db) => fn(db, actor));
};

describe('live consultation functions', () => {
  test('a participant is recognised with their role; anyone else is not found', async () => {
    const me = await as('specialist.h1', (db, a) => assertParticipant(db, a, consultationId));
    assert.equal(me.role, 'participant');
    assert.equal(me.status, 'scheduled');
    const host = await as('doctor.c1', (db, a) => assertParticipant(db, a, consultationId));
    assert.equal(host.role, 'host');
    await assert.rejects(
      as('doctor.c2', (db, a) => assertParticipant(db, a, consultationId)),
      (err: any) => err.kind === 'not_found',
    );
  });

  test('the first one in makes it live, later calls change nothing', async () => {
    const first = await as('specialist.h1', (db, a) => markLive(db, a, consultationId));
    assert.equal(first.status, 'live');
    assert.ok(first.startedAt instanceof Date);
    const again = await as('doctor.c1', (db, a) => markLive(db, a, consultationId));
    assert.equal(again.startedAt?.getTime(), first.startedAt.getTime());
  });

  test('joins and leaves are recorded per user, and leaving twice closes nothing more', async () => {
    const join = await as('specialist.h1', (db, a) => recordJoin(db, a, consultationId));
    assert.equal(join.userId, actorOf(actors, 'specialist.h1').userId);
    assert.equal(join.leftAt, null);
    const second = await as('specialist.h1', (db, a) => recordJoin(db, a, consultationId));
    const closed = await as('specialist.h1', (db, a) => recordLeave(db, a, consultationId, join.id));
    assert.deepEqual(
      closed.map((r) => r.id),
      [join.id],
    );
    assert.ok(closed[0]!.leftAt! >= closed[0]!.joinedAt);
    assert.equal(
      (await as('specialist.h1', (db, a) => recordLeave(db, a, consultationId, join.id))).length,
      0,
    );
    // Without an id, every open join of the caller is closed (a crashed client).
    const rest = await as('specialist.h1', (db, a) => recordLeave(db, a, consultationId));
    assert.deepEqual(
      rest.map((r) => r.id),
      [second.id],
    );
    await assert.rejects(
      as('doctor.c2', (db, a) => recordJoin(db, a, consultationId)),
      /not found/,
    );
  });

  test('chat messages are stored with their author and read back in order after an id', async () => {
    const m1 = await as('doctor.c1', (db, a) => addChatMessage(db, a, consultationId, '  心电图已上传  '));
    assert.equal(m1.text, '心电图已上传');
    assert.equal(m1.displayName, '赵医生');
    const m2 = await as('specialist.h1', (db, a) => addChatMessage(db, a, consultationId, '收到，正在看'));
    const all = await as('specialist.h2', (db, a) => listChatMessages(db, a, consultationId));
    assert.deepEqual(
      all.map((m) => m.text),
      ['心电图已上传', '收到，正在看'],
    );
    const newer = await as('doctor.c1', (db, a) => listChatMessages(db, a, consultationId, { after: m1.id }));
    assert.deepEqual(
      newer.map((m) => m.id),
      [m2.id],
    );
    await assert.rejects(
      as('doctor.c1', (db, a) => addChatMessage(db, a, consultationId, ' ')),
      /1 to 2000/,
    );
    await assert.rejects(
      as('doctor.c2', (db, a) => addChatMessage(db, a, consultationId, 'hi')),
      /not found/,
    );
    const http = await t.call('GET', `/api/consultations/${consultationId}/messages?after=${m1.id}`, {
      token: await t.login('specialist.h2'),
    });
    assert.equal(http.status, 200);
    assert.deepEqual(
      http.body.map((m: any) => m.text),
      ['收到，正在看'],
    );
  });

  test('recording waits for everyone’s consent, runs once at a time, and finishes with its file', async () => {
    await assert.rejects(
      as('doctor.c1', (db, a) => startRecording(db, a, consultationId)),
      (err: any) => err.code === 'consent_missing',
    );
    for (const [i, username] of PEOPLE.entries()) {
      assert.equal(await as(username, (db) => allConsented(db, consultationId)), false, `before ${i}`);
      const r = await as(username, (db, a) => setRecordingConsent(db, a, consultationId, true));
      assert.ok(r.recordingConsentAt instanceof Date);
    }
    assert.equal(await as('specialist.h2', (db) => allConsented(db, consultationId)), true);
    // Someone who can't see the consultation gets no vacuous "everyone consented".
    assert.equal(await as('doctor.c2', (db) => allConsented(db, consultationId)), false);

    const rec = await as('doctor.c1', (db, a) => startRecording(db, a, consultationId));
    assert.equal(rec.status, 'recording');
    await assert.rejects(
      as('specialist.h1', (db, a) => startRecording(db, a, consultationId)),
      (err: any) => err.code === 'already_recording',
    );
    const processing = await as('doctor.c1', (db, a) =>
      finishRecording(db, a, rec.id, { status: 'processing', durationSeconds: 754 }),
    );
    assert.equal(processing.status, 'processing');
    assert.ok(processing.endedAt);
    const ready = await as('doctor.c1', (db, a) =>
      finishRecording(db, a, rec.id, { status: 'ready', filePath: `/recordings/${rec.id}.webm` }),
    );
    assert.equal(ready.filePath, `/recordings/${rec.id}.webm`);
    assert.equal(ready.durationSeconds, 754);
    await assert.rejects(
      as('doctor.c1', (db, a) => finishRecording(db, a, rec.id, { status: 'failed' })),
      (err: any) => err.code === 'invalid_transition',
    );
    await assert.rejects(
      as('doctor.c2', (db, a) => finishRecording(db, a, rec.id, { status: 'failed' })),
      (err: any) => err.kind === 'not_found',
    );

    // Withdrawing consent is recorded too, and stops the next recording.
    const withdrawn = await as('specialist.h2', (db, a) => setRecordingConsent(db, a, consultationId, false));
    assert.equal(withdrawn.recordingConsentAt, null);
    assert.equal(await as('doctor.c1', (db) => allConsented(db, consultationId)), false);
  });

  test('each recording asks for consent again: a finished one leaves nobody consented', async () => {
    for (const username of PEOPLE)
      await as(username, (db, a) => setRecordingConsent(db, a, consultationId, true));
    const rec = await as('doctor.c1', (db, a) => startRecording(db, a, consultationId));
    // Consent stays while the recording runs (withdrawing it is what stops one).
    assert.equal(await as('doctor.c1', (db) => allConsented(db, consultationId)), true);
    await as('doctor.c1', (db, a) => finishRecording(db, a, rec.id, { status: 'processing' }));
    assert.equal(await as('doctor.c1', (db) => allConsented(db, consultationId)), false);
    await assert.rejects(
      as('doctor.c1', (db, a) => startRecording(db, a, consultationId)),
      (err: any) => err.code === 'consent_missing',
      'a second recording without new consent is refused',
    );
    for (const username of PEOPLE)
      await as(username, (db, a) => setRecordingConsent(db, a, consultationId, true));
    const second = await as('doctor.c1', (db, a) => startRecording(db, a, consultationId));
    await as('doctor.c1', (db, a) => finishRecording(db, a, second.id, { status: 'failed' }));
  });
});

describe('row-level security on consultations', () => {
  const count = (username: string, table: string) =>
    as(
      username,
      async (db) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n,
    );
  const TABLES = [
    'consultations',
    'consultation_participants',
    'consultation_messages',
    'consultation_attendance',
    'consultation_opinions',
    'recordings',
  ];

  test('with no WHERE clause at all, a non-participant sees no row of any consultation table', async () => {
    for (const username of ['coordinator.h2', 'coordinator.c1', 'admin.region']) {
      for (const table of TABLES) assert.equal(await count(username, table), 0, `${username}: ${table}`);
    }
    // The demo request from C2 to H1 is seen by both institutions' staff (as a referral would
    // be), and nothing of any consultation's record.
    for (const username of ['doctor.c2', 'coordinator.h1']) {
      assert.equal(await count(username, 'consultations'), 1, username);
      for (const table of TABLES.slice(2))
        assert.equal(await count(username, table), 0, `${username}: ${table}`);
    }
    // For audit, an administrator of an institution taking part (H1's cardiologist) reads the
    // records, though no administrator of an institution not taking part does (admin.region above).
    assert.equal(await count('admin.h1', 'consultations'), 3);
    // The participants do see them: the zeros above are the policies, not an empty database.
    // This one and the demo consultation (3 people each).
    assert.equal(await count('specialist.h2', 'consultations'), 2);
    assert.equal(await count('specialist.h2', 'consultation_participants'), 6);
    assert.ok((await count('specialist.h2', 'consultation_messages')) >= 2);
  });

  test('the app role can’t rewrite chat or attendance history, nor insert as someone else', async () => {
    await assert.rejects(
      as('doctor.c1', (db) => db.query(`UPDATE consultation_messages SET text = 'x'`)),
      /permission denied/,
    );
    await assert.rejects(
      as('doctor.c1', (db) => db.query(`UPDATE consultation_attendance SET joined_at = now()`)),
      /permission denied/,
    );
    await assert.rejects(
      as('doctor.c2', (db) =>
        db.query(`INSERT INTO consultation_messages (consultation_id, user_id, text) VALUES ($1, $2, 'x')`, [
          consultationId,
          actorOf(actors, 'doctor.c2').userId,
        ]),
      ),
      /row-level security/,
    );
  });
});
