// A shared study opens only its own series and instances. Found by trying: Orthanc serves an
// instance of another patient stored with the shared study's StudyInstanceUID under that study's
// path, so a UID-only check handed it to anyone the study was shared with.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { basicAuthorization } from '../pacs/endpoints';
import { fetchDicomJson } from '../pacs/upstream';
import { useBridgeTestApp } from '@tiered-care/testkit/bridge';
import { freshDicomFile, graftedInstance } from '@tiered-care/testkit/fixtures';
import { StudyHierarchies } from './hierarchy';

const t = useBridgeTestApp({ phantom: { slices: 4, size: 256 } });

async function errorOf(res: Response): Promise<{ status: number; code: string | undefined }> {
  const body = (await res.json()) as { error?: { code?: string; message?: string } };
  assert.equal(typeof body.error?.message, 'string', 'the one error shape');
  return { status: res.status, code: body.error?.code };
}

async function auditedUids(): Promise<string[]> {
  const owner = new pg.Client({ connectionString: t.db.ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query<{ d: string }>(
      `SELECT details::text AS d FROM audit_log WHERE action LIKE 'pacs.%'`,
    );
    return rows.map((r) => r.d);
  } finally {
    await owner.end();
  }
}

/** A fresh study of the demo patient's referral, shared, plus another patient's instance grafted into it. */
async function sharedStudyWithGraft() {
  const genuine = freshDicomFile('C1-GENUINE-1');
  const graft = graftedInstance(genuine.study, 'C2-OTHER-1');
  await t.storeInRegion([genuine.file]);
  await t.shareToDemoReferral(genuine.study);
  return { genuine, graft };
}

test('an instance grafted under a shared study’s UID is not served', async () => {
  const { genuine, graft } = await sharedStudyWithGraft();
  const token = await t.login('specialist.h1');
  const before = await t.fetch(
    `/dicom-web/studies/${genuine.study}/series/${genuine.series}/instances/${genuine.sop}/metadata`,
    { token },
  );
  assert.equal(before.status, 200, 'the genuine instance opens');
  await before.body?.cancel();

  await t.storeInRegion([graft.file]);
  const base = `/dicom-web/studies/${genuine.study}/series/${graft.series}/instances/${graft.sop}`;
  for (const [path, accept] of [
    [`${base}/metadata`, undefined],
    [`${base}/frames/1`, undefined],
    [`${base}/rendered`, 'image/png'],
    [`${base}/bulk/7FE00010`, undefined],
    [base, undefined],
    [`/api/ecg/${genuine.study}/${graft.series}/${graft.sop}`, undefined],
  ] as const) {
    const res = await t.fetch(path, { token, headers: accept ? { accept } : {} });
    assert.deepEqual(await errorOf(res), { status: 404, code: 'not_found' }, path);
  }
  // The archive now names two patients under one study UID; which one was shared can't be told
  // from the archive, so the study stays closed rather than risk the wrong patient's images.
  const genuineNow = await t.fetch(
    `/dicom-web/studies/${genuine.study}/series/${genuine.series}/instances/${genuine.sop}/frames/1`,
    { token },
  );
  assert.equal(genuineNow.status, 404);
  await genuineNow.body?.cancel();
  // A refusal is not a read: no audit row names the grafted instance.
  assert.ok(!(await auditedUids()).some((d) => d.includes(graft.sop)), 'no audit row for the graft');
});

test('a series of another study is not served under a shared study', async () => {
  const { genuine, graft } = await sharedStudyWithGraft();
  const token = await t.login('specialist.h1');
  await t.storeInRegion([graft.file]);
  for (const path of [
    `/dicom-web/studies/${genuine.study}/series/${graft.series}/metadata`,
    `/dicom-web/studies/${genuine.study}/series/${graft.series}/instances`,
    `/dicom-web/studies/${genuine.study}/series/${graft.series}/rendered`,
    // A real series of another shared study, under the wrong study.
    `/dicom-web/studies/${genuine.study}/series/${t.demo.ct.seriesInstanceUid}/metadata`,
    `/dicom-web/studies/${t.demo.ct.studyInstanceUid}/series/${genuine.series}/metadata`,
  ]) {
    const res = await t.fetch(path, { token });
    assert.deepEqual(await errorOf(res), { status: 404, code: 'not_found' }, path);
  }
  // The shared studies that are whole still open, series by series.
  const ct = await t.fetch(
    `/dicom-web/studies/${t.demo.ct.studyInstanceUid}/series/${t.demo.ct.seriesInstanceUid}/metadata`,
    { token },
  );
  assert.equal(ct.status, 200);
  await ct.body?.cancel();
});

test('an instance stored into a shared series after it was first opened is served too', async () => {
  const genuine = freshDicomFile('C1-LATE-1');
  await t.storeInRegion([genuine.file]);
  await t.shareToDemoReferral(genuine.study);
  const token = await t.login('specialist.h1');
  const series = `/dicom-web/studies/${genuine.study}/series/${genuine.series}`;
  const first = await t.fetch(`${series}/metadata`, { token });
  assert.equal(first.status, 200);
  await first.body?.cancel();
  // A second slice of the same patient, study and series, arriving late from the modality.
  const late = graftedInstance(genuine.study, 'C1-LATE-1', genuine.series);
  await t.storeInRegion([late.file]);
  const res = await t.fetch(`${series}/instances/${late.sop}/frames/1`, { token });
  assert.equal(res.status, 200);
  await res.body?.cancel();
});

test('a viewer’s burst of frame requests asks the archive about the study once', async () => {
  let asked = 0;
  let now = 0;
  const hierarchies = new StudyHierarchies(30_000, {
    qido: (up, path) => {
      asked++;
      return fetchDicomJson(up, path, 'bridge');
    },
    now: () => now,
  });
  const up = {
    endpointId: 'region',
    baseUrl: t.orthanc.dicomWebUrl,
    authorization: basicAuthorization(t.orthanc.username, t.orthanc.password),
  };
  const { studyInstanceUid: study, seriesInstanceUid: series, sopInstanceUids } = t.demo.ct;
  await Promise.all(
    sopInstanceUids.flatMap((instance) =>
      Array.from({ length: 25 }, () => hierarchies.verify(up, { study, series, instance })),
    ),
  );
  assert.equal(asked, 1);
  // Something not in the list is asked about on its own, and refused.
  await assert.rejects(hierarchies.verify(up, { study, series, instance: '1.2.3.4' }), /not found/);
  assert.equal(asked, 2);
  // Trusted for the time-to-live only.
  now = 29_999;
  await hierarchies.verify(up, { study, series });
  assert.equal(asked, 2);
  now = 30_000;
  await hierarchies.verify(up, { study, series });
  assert.equal(asked, 3);
});
