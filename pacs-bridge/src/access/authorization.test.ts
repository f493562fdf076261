// Who may see which images: only studies shared to a referral the caller's institution takes
// part in or to a consultation the caller takes part in, and patient searches only in the
// caller's own institution's PACS.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { demoDicomPatientId } from '../demo/patientIds';
import { useBridgeTestApp } from '@tiered-care/testkit/bridge';
import { freshDicomFile } from '@tiered-care/testkit/fixtures';

const t = useBridgeTestApp({ phantom: { slices: 12, size: 256 } });

const paths = () => {
  const { ct, ecg } = t.demo;
  const series = `/dicom-web/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}`;
  const ecgInstance = `${ecg.studyInstanceUid}/${ecg.seriesInstanceUid}/${ecg.sopInstanceUid}`;
  return [
    `/dicom-web/studies?StudyInstanceUID=${ct.studyInstanceUid}`,
    `/dicom-web/studies/${ct.studyInstanceUid}/series`,
    `${series}/metadata`,
    `${series}/instances/${ct.sopInstanceUids[0]}/frames/1`,
    `${series}/instances/${ct.sopInstanceUids[0]}/rendered`,
    `/api/ecg/${ecgInstance}`,
    `/api/referrals/${t.demo.referralId}/studies`,
  ];
};

async function statusOf(path: string, username: string | null): Promise<{ status: number; body: string }> {
  const res = await t.fetch(path, username ? { token: await t.login(username) } : {});
  return { status: res.status, body: await res.text() };
}

test('both sides of the demo referral can read its images', async () => {
  for (const user of ['doctor.c1', 'specialist.h1', 'coordinator.h1']) {
    for (const path of paths()) assert.equal((await statusOf(path, user)).status, 200, `${user} ${path}`);
  }
});

test("coordinator.h2 and doctor.c2 get 404 for the demo referral's images, in the one error shape", async () => {
  for (const user of ['coordinator.h2', 'doctor.c2', 'admin.region']) {
    for (const path of paths()) {
      const { status, body } = await statusOf(path, user);
      assert.equal(status, 404, `${user} ${path}`);
      assert.equal(JSON.parse(body).error.code, 'not_found');
    }
  }
});

test('specialist.h2, invited to the demo consultation, reads the CT and ECG shared to it and nothing else', async () => {
  const [qido, seriesList, metadata, frame, rendered, ecg, referralStudies] = paths();
  for (const path of [qido, seriesList, metadata, frame, rendered, ecg]) {
    assert.equal((await statusOf(path ?? '', 'specialist.h2')).status, 200, path);
  }
  assert.equal((await statusOf(referralStudies ?? '', 'specialist.h2')).status, 404, 'not the referral');
  const { ctSmall, mrSmall, consultationId } = t.demo;
  for (const s of [ctSmall, mrSmall]) {
    const path = `/dicom-web/studies/${s.studyInstanceUid}/series/${s.seriesInstanceUid}/metadata`;
    assert.equal((await statusOf(path, 'specialist.h2')).status, 404, path);
  }
  const listed = await statusOf(`/api/consultations/${consultationId}/studies`, 'specialist.h2');
  const uids = (JSON.parse(listed.body) as { studies: { studyInstanceUid: string }[] }).studies.map(
    (s) => s.studyInstanceUid,
  );
  assert.deepEqual(uids.sort(), [t.demo.ct.studyInstanceUid, t.demo.ecg.studyInstanceUid].sort());
});

test('without a token every DICOMweb and ECG path answers 401', async () => {
  for (const path of paths()) {
    const { status, body } = await statusOf(path, null);
    assert.equal(status, 401, path);
    assert.equal(JSON.parse(body).error.code, 'unauthenticated');
  }
  const forged = await t.fetch(paths()[2] ?? '', { token: 'eyJhbGciOiJIUzI1NiJ9.e30.x' });
  assert.equal(forged.status, 401);
});

test('a study in the PACS that is not shared with anybody is not found, even by its uploader', async () => {
  const fresh = freshDicomFile();
  const upload = await t.upload('doctor.c1', fresh.file);
  assert.equal(upload.status, 201);
  for (const user of ['doctor.c1', 'specialist.h1']) {
    const meta = await statusOf(`/dicom-web/studies/${fresh.study}/metadata`, user);
    assert.equal(meta.status, 404);
    const qido = await statusOf(`/dicom-web/studies?StudyInstanceUID=${fresh.study}`, user);
    assert.equal(qido.status, 404);
  }
});

test("a doctor searches their own institution's PACS by patient; nobody can search another's", async () => {
  await t.storeInOwnPacs('H1-OWN-0001');
  const query = '/dicom-web/studies?PatientID=H1-OWN-0001';
  const own = await statusOf(query, 'specialist.h1');
  assert.equal(own.status, 200);
  assert.equal(JSON.parse(own.body).length, 1);
  // The demo images are C1's uploads to the region archive that shares H1's server: not H1's.
  const c1 = await statusOf(
    `/dicom-web/studies?PatientID=${demoDicomPatientId('C1/张桂兰')}`,
    'specialist.h1',
  );
  assert.deepEqual(JSON.parse(c1.body), []);
  // C1 and C2 have no PACS of their own; the region's archive and H1's are not theirs to search.
  for (const user of ['doctor.c1', 'doctor.c2', 'coordinator.h2', 'admin.h1']) {
    assert.equal((await statusOf(query, user)).status, 404, user);
  }
  assert.equal((await statusOf('/dicom-web/studies?PatientName=*', 'specialist.h1')).status, 404);
  assert.equal((await statusOf('/dicom-web/studies', 'specialist.h1')).status, 404);
});

test('malformed UIDs and path tricks are simply not found', async () => {
  const { ct } = t.demo;
  for (const path of [
    `/dicom-web/studies/..%2F..%2Fsystem/metadata`,
    `/dicom-web/studies/${ct.studyInstanceUid}%2F..%2F..%2Finstances/metadata`,
    `/dicom-web/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}/instances/${ct.sopInstanceUids[0]}/frames/0`,
    `/dicom-web/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}/instances/${ct.sopInstanceUids[0]}/bulk/..%2F..`,
  ]) {
    assert.equal((await statusOf(path, 'specialist.h1')).status, 404, path);
  }
});

test('pacs_study_source agrees with the shared_studies policy for every demo user, drafts and consultations included', async () => {
  const inst = await t.institutionIds();
  // coordinator.h2 takes part in a consultation about the demo referral: its studies, not the referral.
  const consult = await t.fetch('/api/consultations', {
    method: 'POST',
    token: await t.login('specialist.h1'),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: '转诊影像会诊',
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
      durationMinutes: 30,
      participantUserIds: [(await t.userIdsByName())['coordinator.h2']],
      referralId: t.demo.referralId,
    }),
  });
  assert.equal(consult.status, 201);
  const patient = await t.patientIdOf('doctor.c1', '李建国');
  const draft = await t.createReferral('doctor.c1', patient, inst.H1 ?? '', true);
  const fresh = freshDicomFile(demoDicomPatientId('C1/李建国'));
  const c1 = await t.login('doctor.c1');
  await t.upload('doctor.c1', fresh.file);
  const attach = await t.fetch(`/api/referrals/${draft}/studies`, {
    method: 'POST',
    token: c1,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ studyInstanceUid: fresh.study }),
  });
  assert.equal(attach.status, 201);
  const owner = new pg.Client({ connectionString: t.db.ownerUrl });
  await owner.connect();
  const all = (
    await owner.query<{ uid: string }>('SELECT DISTINCT study_instance_uid AS uid FROM shared_studies')
  ).rows;
  await owner.end();
  const users = [
    'doctor.c1',
    'coordinator.c1',
    'doctor.c2',
    'coordinator.h1',
    'specialist.h1',
    'admin.h1',
    'coordinator.h2',
    'specialist.h2',
    'admin.region',
  ];
  for (const username of users) {
    const claims = await t.services.tokens.verify(await t.login(username));
    const app = await t.services.pool.connect();
    try {
      await app.query('BEGIN');
      await app.query(
        `SELECT set_config('app.user_id', $1, true), set_config('app.institution_id', $2, true),
                set_config('app.consortium_id', $3, true), set_config('app.roles', $4, true)`,
        [claims.userId, claims.institutionId ?? '', claims.consortiumId, claims.roles.join(',')],
      );
      const visible = new Set(
        (await app.query<{ uid: string }>('SELECT study_instance_uid AS uid FROM shared_studies')).rows.map(
          (r) => r.uid,
        ),
      );
      for (const { uid } of all) {
        const viaDefiner = (await app.query('SELECT 1 FROM pacs_study_source($1)', [uid])).rowCount === 1;
        assert.equal(viaDefiner, visible.has(uid), `${username} ${uid}`);
      }
      if (username.endsWith('.h1')) assert.ok(!visible.has(fresh.study), 'a draft stays with its sender');
      const { ct, mrSmall } = t.demo;
      if (username === 'coordinator.h2')
        assert.ok(visible.has(mrSmall.studyInstanceUid), 'via the consultation');
      if (username === 'specialist.h2') {
        assert.deepEqual(
          [visible.has(ct.studyInstanceUid), visible.has(mrSmall.studyInstanceUid)],
          [true, false],
        );
      }
      await assert.rejects(app.query('SELECT * FROM pacs_endpoints'), /permission denied/);
      await app.query('ROLLBACK');
    } finally {
      app.release();
    }
  }
});

test("no API answer or health detail carries the PACS's address or password", async () => {
  const token = await t.login('doctor.c1');
  for (const path of [...paths(), '/healthz']) {
    const body = await (await t.fetch(path, { token })).text();
    assert.ok(!body.includes(t.orthanc.password), path);
    assert.ok(!body.includes(t.orthanc.baseUrl), path);
  }
});
