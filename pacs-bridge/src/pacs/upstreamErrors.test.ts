// An archive's answer is reported as what it is: the caller's bad query is their 400, a failing
// archive a 502, an archive that is not there a 503 (a hung one is 504: tests/reliability/pacsHung).
// Found by trying: an Orthanc 500 came back as 503 "not reachable", and a negative `offset`
// (which Orthanc answers with a 500) read as an outage.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { startOrthanc, type Orthanc } from '@tiered-care/testkit';
import { teardown, useBridgeTestApp } from '@tiered-care/testkit/bridge';
import { freshDicomFile } from '@tiered-care/testkit/fixtures';

const t = useBridgeTestApp({ phantom: { slices: 4, size: 256 } });
let restarted: Orthanc | null = null;
teardown(() => restarted?.stop());

async function errorOf(res: Response): Promise<{ status: number; code: string | undefined }> {
  const body = (await res.json()) as { error?: { code?: string; message?: string } };
  assert.equal(typeof body.error?.message, 'string', `the one error shape (${res.status})`);
  return { status: res.status, code: body.error?.code };
}

/** Orthanc's own REST API, with the archive's credentials. */
async function orthancRest<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set(
    'authorization',
    `Basic ${Buffer.from(`${t.orthanc.username}:${t.orthanc.password}`).toString('base64')}`,
  );
  const res = await fetch(t.orthanc.baseUrl + path, { ...init, headers });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
}

test('a bad QIDO parameter is a 400 from the bridge, not an outage', async () => {
  const token = await t.login('specialist.h1');
  const study = t.demo.ct.studyInstanceUid;
  for (const path of [
    `/dicom-web/studies/${study}/series?offset=-1`,
    `/dicom-web/studies/${study}/series?limit=-1`,
    `/dicom-web/studies/${study}/series?limit=abc`,
    `/dicom-web/studies/${study}/series/${t.demo.ct.seriesInstanceUid}/instances?offset=-5`,
    `/dicom-web/studies?StudyInstanceUID=${study}&offset=-1`,
    '/dicom-web/studies?PatientID=H1-0001&offset=-1',
  ]) {
    const res = await t.fetch(path, { token });
    assert.equal(res.status, 400, path);
    await errorOf(res);
  }
  // The archive is fine meanwhile.
  assert.equal((await t.fetch(`/dicom-web/studies/${study}/series?limit=1`, { token })).status, 200);
});

test('an archive that lost an image’s file is a 502 pacs_error, not 503 unreachable', async () => {
  const fresh = freshDicomFile('C1-LOST-1');
  await t.storeInRegion([fresh.file]);
  await t.shareToDemoReferral(fresh.study);
  const [found] = await orthancRest<{ ID: string }[]>('/tools/lookup', { method: 'POST', body: fresh.sop });
  const info = await orthancRest<{ Uuid: string }>(`/instances/${found?.ID}/attachments/dicom/info`);
  // Stopped first: Orthanc keeps recently stored files in memory.
  await t.orthanc.stop();
  const file = `${t.orthanc.dataDir}/storage/${info.Uuid.slice(0, 2)}/${info.Uuid.slice(2, 4)}/${info.Uuid}`;
  writeFileSync(file, 'not a DICOM file any more');
  restarted = await startOrthanc(t.orthanc.dataDir, { port: Number(new URL(t.orthanc.baseUrl).port) });

  const token = await t.login('specialist.h1');
  const instance = `/dicom-web/studies/${fresh.study}/series/${fresh.series}/instances/${fresh.sop}`;
  for (const path of [`${instance}/metadata`, `${instance}/frames/1`]) {
    const res = await t.fetch(path, { token });
    assert.deepEqual(await errorOf(res), { status: 502, code: 'pacs_error' }, path);
  }
  // The other studies of the archive still open.
  const ct = await t.fetch(`/dicom-web/studies/${t.demo.ct.studyInstanceUid}/metadata`, { token });
  assert.equal(ct.status, 200);
  await ct.body?.cancel();
  rmSync(file);
});

test('a stopped PACS is 503 pacs_unavailable, and study lists say not available', async () => {
  const token = await t.login('specialist.h1');
  await (restarted ?? t.orthanc).stop();
  const res = await t.fetch(`/dicom-web/studies/${t.demo.ecg.studyInstanceUid}/metadata`, { token });
  assert.deepEqual(await errorOf(res), { status: 503, code: 'pacs_unavailable' });
  const ecg = t.demo.ecg;
  const decoded = await t.fetch(
    `/api/ecg/${ecg.studyInstanceUid}/${ecg.seriesInstanceUid}/${ecg.sopInstanceUid}`,
    {
      token,
    },
  );
  assert.deepEqual(await errorOf(decoded), { status: 503, code: 'pacs_unavailable' });
  const list = await t.fetch(`/api/referrals/${t.demo.referralId}/studies`, { token });
  assert.equal(list.status, 200);
  const body = (await list.json()) as { studies: { available: boolean }[] };
  assert.ok(body.studies.every((s) => !s.available));
});
