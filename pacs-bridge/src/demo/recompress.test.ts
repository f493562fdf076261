// The archives keep images as JPEG-LS lossless (Orthanc's ingest transcoding), and demo images an
// older version stored uncompressed are stored again compressed on the next start: same UIDs,
// the same pixels, once. Found by trying: before, every frame travelled uncompressed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JPEG_LS_LOSSLESS, startOrthanc, type Orthanc } from '@tiered-care/testkit';
import { multipartParts, teardown, useBridgeTestApp } from '@tiered-care/testkit/bridge';
import { pixelDataOf } from '@tiered-care/testkit/fixtures';
import { ctPhantom } from './ctPhantom';
import { loadDemoStudies } from './loadDemoStudies';
import { demoDicomPatientId } from './patientIds';
import { dropUncompressed } from './recompress';

const PHANTOM = { slices: 4, size: 256 } as const;
// The archives of an older version: everything kept as received.
const t = useBridgeTestApp({ phantom: PHANTOM, storeAsReceived: true });
let restarted: Orthanc | null = null;
teardown(() => restarted?.stop());

async function rest<T>(o: Orthanc, path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Basic ${Buffer.from(`${o.username}:${o.password}`).toString('base64')}`);
  const res = await fetch(o.baseUrl + path, { ...init, headers });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (res.headers.get('content-type') ?? '').includes('json')
    ? ((await res.json()) as T)
    : ((await res.text()) as T);
}

/** SOP Instance UID → stored transfer syntax, for every instance of a study. */
async function storedSyntaxes(o: Orthanc, studyUid: string): Promise<Map<string, string>> {
  const [study] = await rest<{ ID: string }[]>(o, '/tools/lookup', { method: 'POST', body: studyUid });
  const instances = await rest<{ ID: string; MainDicomTags: { SOPInstanceUID: string } }[]>(
    o,
    `/studies/${study?.ID}/instances`,
  );
  const out = new Map<string, string>();
  for (const i of instances) {
    out.set(
      i.MainDicomTags.SOPInstanceUID,
      await rest<string>(o, `/instances/${i.ID}/metadata/TransferSyntax`),
    );
  }
  return out;
}

test('demo images stored uncompressed are stored again as JPEG-LS lossless with the same UIDs and pixels, once', async () => {
  const { ct } = t.demo;
  const before = await storedSyntaxes(t.orthanc, ct.studyInstanceUid);
  assert.deepEqual([...before.values()], Array(PHANTOM.slices).fill('1.2.840.10008.1.2.1'));

  // The next start: the same data folder, now with ingest transcoding.
  await t.orthanc.stop();
  restarted = await startOrthanc(t.orthanc.dataDir, { port: Number(new URL(t.orthanc.baseUrl).port) });
  await loadDemoStudies(t.db.ownerUrl, t.services, { h1: t.ownPacs, region: restarted }, PHANTOM);

  const after = await storedSyntaxes(restarted, ct.studyInstanceUid);
  assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
  assert.deepEqual([...after.values()], Array(PHANTOM.slices).fill(JPEG_LS_LOSSLESS));
  const mr = await storedSyntaxes(restarted, t.demo.mrSmall.studyInstanceUid);
  assert.deepEqual([...mr.values()], [JPEG_LS_LOSSLESS]);

  // Decoded by the archive back to explicit little endian, every slice is what was generated.
  const phantom = ctPhantom({ patientId: demoDicomPatientId('C1/张桂兰'), ...PHANTOM });
  for (let i = 0; i < PHANTOM.slices; i++) {
    const res = await t.direct(
      `/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}/instances/${ct.sopInstanceUids[i]}/frames/1`,
      {
        headers: {
          accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=1.2.840.10008.1.2.1',
        },
      },
    );
    const { parts } = await multipartParts(res);
    assert.ok(parts[0]?.equals(pixelDataOf(phantom.slice(i))), `slice ${i} bit-exact`);
  }

  // Nothing left to do at the start after.
  const region = { ...restarted, username: restarted.username, password: restarted.password };
  assert.equal(await dropUncompressed(region, [ct.studyInstanceUid, t.demo.mrSmall.studyInstanceUid]), 0);
});
