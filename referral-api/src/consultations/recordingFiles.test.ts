import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { withActor } from '@tiered-care/platform';
import { actorOf, demoActors, inHours, useTestApp } from '@tiered-care/testkit/harness';
import { finishRecording, setRecordingConsent, startRecording } from './index';

const t = useTestApp();
const folder = mkdtempSync(join(tmpdir(), 'recording-files-'));
let consultationId: string;
let recordingId: string;
const video = Buffer.alloc(10_000, 7);

before(async () => {
  const actors = await demoActors((await t.ready()).db);
  const host = actorOf(actors, 'specialist.h1');
  const gp = actorOf(actors, 'doctor.c1');
  const c = await t.createConsultation('specialist.h1', {
    title: '录像回放',
    scheduledAt: inHours(1),
    durationMinutes: 30,
    participantUserIds: [gp.userId],
  });
  consultationId = c.id;
  writeFileSync(join(folder, 'consult-user_camera-1.webm'), video);
  writeFileSync(join(folder, 'notes.txt'), 'not a recording');
  const as = <T>(a: typeof host, fn: Parameters<typeof withActor<T>>[2]) => withActor(t.services.pool, a, fn);
  await as(host, (db) => setRecordingConsent(db, host, c.id, true));
  await as(gp, (db) => setRecordingConsent(db, gp, c.id, true));
  const row = await as(host, (db) => startRecording(db, host, c.id));
  recordingId = row.id;
  await as(host, (db) =>
    finishRecording(db, host, row.id, { status: 'ready', filePath: folder, durationSeconds: 6 }),
  );
});
after(() => {
  rmSync(folder, { recursive: true, force: true });
});

test('participants list and download the files of a ready recording, with Range support', async () => {
  const token = await t.login('doctor.c1');
  const base = `/api/consultations/${consultationId}/recordings/${recordingId}/files`;
  const list = await t.call('GET', base, { token });
  assert.equal(list.status, 200);
  assert.deepEqual(list.body, [
    { name: 'consult-user_camera-1.webm', size: 10_000, contentType: 'video/webm' },
  ]);

  const whole = await fetch(`${t.baseUrl}${base}/consult-user_camera-1.webm`, {
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get('content-type'), 'video/webm');
  assert.deepEqual(Buffer.from(await whole.arrayBuffer()), video);

  const part = await fetch(`${t.baseUrl}${base}/consult-user_camera-1.webm`, {
    headers: { authorization: `Bearer ${token}`, range: 'bytes=100-199' },
  });
  assert.equal(part.status, 206);
  assert.equal((await part.arrayBuffer()).byteLength, 100);
});

test('an administrator of a participating institution plays it for audit; others get 404', async () => {
  const base = `/api/consultations/${consultationId}/recordings/${recordingId}/files`;
  const auditor = await t.login('admin.h1');
  assert.equal((await t.call('GET', base, { token: auditor })).status, 200);
  for (const username of ['doctor.c2', 'coordinator.h2', 'admin.region']) {
    const stranger = await t.login(username);
    assert.equal((await t.call('GET', base, { token: stranger })).status, 404, username);
    assert.equal(
      (await t.call('GET', `${base}/consult-user_camera-1.webm`, { token: stranger })).status,
      404,
    );
  }
});

test('names outside the folder or of other files are not found', async () => {
  const base = `/api/consultations/${consultationId}/recordings/${recordingId}/files`;
  const token = await t.login('doctor.c1');
  for (const name of ['notes.txt', '..%2F..%2Fetc%2Fpasswd', 'missing.webm']) {
    const res = await t.call('GET', `${base}/${name}`, { token });
    assert.equal(res.status, 404, name);
    assert.equal(res.body.error.code, 'not_found');
  }
});
