// Every read of images is attributable: an audit row per user, study, series and kind of
// retrieval per burst, naming the referral and patient.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { startBridgeTestApp, storeInOwnPacs, type BridgeTestApp } from '@tiered-care/testkit/bridge';
import { freshDicomFile } from '@tiered-care/testkit/fixtures';

let t: BridgeTestApp;

before(async () => {
  t = await startBridgeTestApp({ phantom: { slices: 6, size: 256 } });
});
after(() => t.close());

interface Row {
  action: string;
  username: string;
  referral_id: string;
  patient_id: string;
  details: Record<string, string | null>;
}

async function auditRows(): Promise<Row[]> {
  const owner = new pg.Client({ connectionString: t.db.ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query<Row>(
      `SELECT a.action, u.username, a.referral_id, a.patient_id, a.details FROM audit_log a
       JOIN users u ON u.id = a.actor_user_id WHERE a.action LIKE 'pacs.%' ORDER BY a.id`,
    );
    return rows;
  } finally {
    await owner.end();
  }
}

test('every kind of retrieval writes an audit row naming the user, referral, patient and study', async () => {
  const { ct, ecg, ctSmall, referralId } = t.demo;
  const token = await t.login('coordinator.h1');
  const series = `/dicom-web/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}`;
  const small = `/dicom-web/studies/${ctSmall.studyInstanceUid}/series/${ctSmall.seriesInstanceUid}/instances/${ctSmall.sopInstanceUid}`;
  const calls = {
    'pacs.qido': `/dicom-web/studies?StudyInstanceUID=${ct.studyInstanceUid}`,
    'pacs.metadata': `${series}/metadata`,
    'pacs.frames': `${series}/instances/${ct.sopInstanceUids[0]}/frames/1`,
    'pacs.rendered': `${small}/rendered`,
    'pacs.retrieve': small,
    'pacs.ecg': `/api/ecg/${ecg.studyInstanceUid}/${ecg.seriesInstanceUid}/${ecg.sopInstanceUid}`,
    'pacs.list': `/api/referrals/${referralId}/studies`,
  };
  for (const path of Object.values(calls)) {
    const res = await t.fetch(path, { token });
    assert.equal(res.status, 200, path);
    await res.arrayBuffer();
  }
  const rows = (await auditRows()).filter((r) => r.username === 'coordinator.h1');
  for (const action of Object.keys(calls)) {
    const row = rows.find((r) => r.action === action);
    assert.ok(row, `no audit row for ${action}`);
    assert.equal(row.referral_id, referralId);
    assert.ok(row.patient_id);
  }
  const frames = rows.find((r) => r.action === 'pacs.frames');
  assert.equal(frames?.details.studyInstanceUid, ct.studyInstanceUid);
  assert.equal(frames.details.seriesInstanceUid, ct.seriesInstanceUid);
  assert.equal(frames.details.sopInstanceUid, ct.sopInstanceUids[0]);
});

test('a burst of frame requests for one series writes one row; another user or series gets its own', async () => {
  const { ct, ctSmall } = t.demo;
  const before = (await auditRows()).length;
  const series = `/dicom-web/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}`;
  for (const user of ['specialist.h1', 'doctor.c1']) {
    const token = await t.login(user);
    for (const sop of ct.sopInstanceUids) {
      await (await t.fetch(`${series}/instances/${sop}/frames/1`, { token })).arrayBuffer();
    }
  }
  const small = `/dicom-web/studies/${ctSmall.studyInstanceUid}/series/${ctSmall.seriesInstanceUid}/instances/${ctSmall.sopInstanceUid}`;
  await (await t.fetch(`${small}/frames/1`, { token: await t.login('specialist.h1') })).arrayBuffer();
  const added = (await auditRows()).slice(before);
  assert.deepEqual(
    added.map((r) => [r.action, r.username, r.details.seriesInstanceUid]),
    [
      ['pacs.frames', 'specialist.h1', ct.seriesInstanceUid],
      ['pacs.frames', 'doctor.c1', ct.seriesInstanceUid],
      ['pacs.frames', 'specialist.h1', ctSmall.seriesInstanceUid],
    ],
  );
});

test('a patient search and an upload are audited too; a refused read leaves no row', async () => {
  const own = await storeInOwnPacs(t, 'H1-AUDIT-1');
  const before = (await auditRows()).length;
  const search = await t.fetch('/dicom-web/studies?PatientID=H1-AUDIT-1', {
    token: await t.login('specialist.h1'),
  });
  assert.equal(search.status, 200);
  const refused = await t.fetch(`/dicom-web/studies/${t.demo.ct.studyInstanceUid}/metadata`, {
    token: await t.login('coordinator.h2'),
  });
  assert.equal(refused.status, 404);
  const upload = await t.fetch('/api/pacs/upload', {
    method: 'POST',
    token: await t.login('doctor.c1'),
    headers: { 'content-type': 'application/dicom' },
    body: freshDicomFile().file,
  });
  assert.equal(upload.status, 201);
  const added = (await auditRows()).slice(before);
  assert.deepEqual(
    added.map((r) => [r.action, r.username]),
    [
      ['pacs.search', 'specialist.h1'],
      ['pacs.upload', 'doctor.c1'],
    ],
  );
  assert.deepEqual(added[0]?.details.studyInstanceUids, [own.study]);
});
