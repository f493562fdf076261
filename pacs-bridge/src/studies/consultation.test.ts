// Studies in a consultation: participants share images of its patient and all participants open
// them; nobody else learns the consultation or its images exist.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import pg from 'pg';
import {
  freshListing,
  patientIdOf,
  startBridgeTestApp,
  userIdsByName,
  type BridgeTestApp,
} from '@tiered-care/testkit/bridge';
import { freshDicomFile } from '@tiered-care/testkit/fixtures';

let t: BridgeTestApp;
let users: Record<string, string>;
let zhang: string;

before(async () => {
  t = await startBridgeTestApp({ phantom: { slices: 6, size: 256 } });
  users = await userIdsByName(t);
  zhang = await patientIdOf(t, 'doctor.c1', '张桂兰');
});
after(() => t.close());

const json = { 'content-type': 'application/json' };
const uid = (username: string) => users[username] ?? '';

async function consultation(host: string, participants: string[], about: Record<string, string> = {}) {
  const res = await t.fetch('/api/consultations', {
    method: 'POST',
    token: await t.login(host),
    headers: json,
    body: JSON.stringify({
      title: '影像会诊',
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
      durationMinutes: 30,
      participantUserIds: participants.map(uid),
      ...about,
    }),
  });
  const body = (await res.json()) as { id: string };
  assert.equal(res.status, 201, JSON.stringify(body));
  return body.id;
}

async function share(username: string, consultationId: string, body: unknown) {
  return t.fetch(`/api/consultations/${consultationId}/studies`, {
    method: 'POST',
    token: await t.login(username),
    headers: json,
    body: JSON.stringify(body),
  });
}

async function list(username: string, consultationId: string) {
  return t.fetch(`/api/consultations/${consultationId}/studies`, { token: await t.login(username) });
}

async function statusOf(username: string, path: string): Promise<number> {
  const res = await t.fetch(path, { token: await t.login(username) });
  await res.arrayBuffer();
  return res.status;
}

async function uploaded(username: string) {
  const fresh = freshDicomFile();
  const res = await t.fetch('/api/pacs/upload', {
    method: 'POST',
    token: await t.login(username),
    headers: { 'content-type': 'application/dicom' },
    body: fresh.file,
  });
  assert.equal(res.status, 201);
  return {
    ...fresh,
    frame: `/dicom-web/studies/${fresh.study}/series/${fresh.series}/instances/${fresh.sop}/frames/1`,
  };
}

/** The consultation notifications (signaling forwards them to the users' sockets) of `id`. */
async function listenTo(id: string) {
  const client = new pg.Client({ connectionString: t.db.ownerUrl });
  await client.connect();
  const heard: { action: string; userIds: string[] }[] = [];
  client.on('notification', (n) => {
    const change = JSON.parse(n.payload ?? '{}') as {
      consultationId: string;
      action: string;
      userIds: string[];
    };
    if (change.consultationId === id) heard.push(change);
  });
  await client.query('LISTEN consultation_changed');
  return { heard, close: () => client.end() };
}

test('a participant shares an uploaded study and every participant opens it through /dicom-web', async () => {
  const fresh = await uploaded('doctor.c1');
  const id = await consultation('doctor.c1', ['specialist.h2', 'coordinator.h1'], { patientId: zhang });
  const live = await listenTo(id);
  const res = await share('doctor.c1', id, { studyInstanceUid: fresh.study });
  assert.equal(res.status, 201);
  assert.equal(((await res.json()) as { sharedBy: string }).sharedBy, '赵医生');
  assert.equal(
    (await share('doctor.c1', id, { studyInstanceUid: fresh.study })).status,
    200,
    'twice is harmless',
  );
  // The others' study lists update live, once: sharing again is no news.
  await new Promise((done) => setTimeout(done, 200));
  await live.close();
  assert.deepEqual(
    live.heard.map((c) => ({ action: c.action, users: c.userIds.length })),
    [{ action: 'study_shared', users: 3 }],
  );

  const listed = await list('specialist.h2', id);
  assert.equal(listed.status, 200);
  const { studies } = (await listed.json()) as { studies: Record<string, unknown>[] };
  assert.deepEqual(
    studies.map((s) => ({ ...s, id: undefined, sharedAt: undefined })),
    [freshListing(fresh.study, '赵医生')],
  );
  for (const user of ['doctor.c1', 'specialist.h2', 'coordinator.h1']) {
    assert.equal(await statusOf(user, fresh.frame), 200, user);
  }
});

test('a non-participant gets 404 for sharing, listing and reading, like for no consultation at all', async () => {
  const fresh = await uploaded('doctor.c1');
  const id = await consultation('doctor.c1', ['specialist.h2'], { patientId: zhang });
  assert.equal((await share('doctor.c1', id, { studyInstanceUid: fresh.study })).status, 201);
  for (const user of ['doctor.c2', 'specialist.h1', 'admin.region']) {
    const attach = await share(user, id, { studyInstanceUid: fresh.study });
    assert.equal(attach.status, 404, user);
    assert.equal(((await attach.json()) as { error: { code: string } }).error.code, 'not_found');
    assert.equal((await list(user, id)).status, 404, user);
    assert.equal(await statusOf(user, fresh.frame), 404, user);
  }
  assert.equal((await list('doctor.c1', randomUUID())).status, 404);
});

test("a participant of another consultation can't reach this one's studies, nor share them into theirs", async () => {
  const fresh = await uploaded('doctor.c1');
  const ours = await consultation('doctor.c1', ['specialist.h1'], { patientId: zhang });
  assert.equal((await share('doctor.c1', ours, { studyInstanceUid: fresh.study })).status, 201);
  const liu = await patientIdOf(t, 'doctor.c2', '刘德明');
  const theirs = await consultation('doctor.c2', ['coordinator.h2'], { patientId: liu });
  assert.equal((await list('coordinator.h2', ours)).status, 404);
  assert.equal((await share('coordinator.h2', ours, { studyInstanceUid: fresh.study })).status, 404);
  assert.equal(await statusOf('coordinator.h2', fresh.frame), 404);
  // They learned the UID somehow: C1's upload still isn't theirs to take from the region's PACS.
  assert.equal((await share('doctor.c2', theirs, { studyInstanceUid: fresh.study })).status, 404);
  const own = (await (await list('coordinator.h2', theirs)).json()) as { studies: unknown[] };
  assert.deepEqual(own.studies, []);
});

test("the participants of a consultation about a referral see the referral's studies too", async () => {
  const { mrSmall, referralId } = t.demo;
  const mr = `/dicom-web/studies/${mrSmall.studyInstanceUid}/series/${mrSmall.seriesInstanceUid}/metadata`;
  assert.equal(await statusOf('coordinator.h2', mr), 404, 'not before being invited');
  const id = await consultation('specialist.h1', ['coordinator.h2'], { referralId });
  assert.equal(await statusOf('coordinator.h2', mr), 200);
  const { studies } = (await (await list('coordinator.h2', id)).json()) as {
    studies: { studyInstanceUid: string; available: boolean }[];
  };
  assert.deepEqual(studies.map((s) => s.studyInstanceUid).sort(), [...t.demo.studyInstanceUids].sort());
  assert.ok(studies.every((s) => s.available));
  // The referral itself stays with its two institutions.
  assert.equal(await statusOf('coordinator.h2', `/api/referrals/${referralId}`), 404);
  assert.equal(await statusOf('coordinator.h2', `/api/referrals/${referralId}/studies`), 404);
});

test('a bad body is 400 in the one error shape; a consultation without a patient takes no studies', async () => {
  const id = await consultation('doctor.c1', ['specialist.h1']);
  for (const body of [{}, { studyInstanceUid: '1.2.abc' }, { studyInstanceUid: '1.2.3', extra: 1 }]) {
    const res = await share('doctor.c1', id, body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'invalid_request');
  }
  const fresh = await uploaded('doctor.c1');
  const res = await share('doctor.c1', id, { studyInstanceUid: fresh.study });
  assert.equal(res.status, 409);
  assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'no_patient');
});
