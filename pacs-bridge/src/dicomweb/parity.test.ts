// The bridge against Orthanc directly, same run, same queries: what a viewer gets through the
// bridge must be what the PACS says (only URLs move to the bridge), frames byte for byte.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { items, parseDicomJsonArray } from '@tiered-care/common/dicomJson';
import { jsonWithRoot, multipartParts, storeInOwnPacs, useBridgeTestApp } from '@tiered-care/testkit/bridge';

const t = useBridgeTestApp();
let token: string;
let bridgeRoot: string;

before(async () => {
  token = await t.login('specialist.h1');
  bridgeRoot = `${t.baseUrl}/dicom-web`;
});

/** `own`: compare with H1's own PACS instead of the region archive (which holds the demo). */
async function sameJson(path: string, own = false) {
  const viaBridge = await t.fetch(`/dicom-web${path}`, { token });
  const direct = await (own ? t.directOwn : t.direct)(path);
  assert.equal(viaBridge.status, 200, `${path}: ${viaBridge.status}`);
  assert.equal(direct.status, 200);
  assert.match(viaBridge.headers.get('content-type') ?? '', /application\/dicom\+json/);
  const archive = own ? t.ownPacs : t.orthanc;
  const bridged = await jsonWithRoot(viaBridge, bridgeRoot, archive.dicomWebUrl);
  assert.deepEqual(bridged, await direct.json());
  return bridged as Record<string, unknown>[];
}

test('study, series and instance searches return the same matches through the bridge as from Orthanc', async () => {
  const { ct, ecg } = t.demo;
  const studies = await sameJson(`/studies?StudyInstanceUID=${ct.studyInstanceUid}`);
  assert.equal(studies.length, 1);
  await sameJson(`/studies?StudyInstanceUID=${ecg.studyInstanceUid}&includefield=00081030`);
  const series = await sameJson(`/studies/${ct.studyInstanceUid}/series`);
  assert.equal(series.length, 1);
  const instances = await sameJson(
    `/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}/instances`,
  );
  assert.equal(instances.length, ct.sopInstanceUids.length);
  await sameJson(
    `/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}/instances?limit=5&offset=10`,
  );
});

test("a patient search of the doctor's own PACS matches Orthanc's answer to the same query", async () => {
  // Studies H1's own modalities stored (the demo images are C1's uploads, not H1's).
  await storeInOwnPacs(t, 'H1-PARITY-1');
  await storeInOwnPacs(t, 'H1-PARITY-1');
  const byId = await sameJson('/studies?PatientID=H1-PARITY-1', true);
  assert.equal(byId.length, 2);
  await sameJson('/studies?PatientID=H1-PARITY-1&StudyDate=20260101-20261231', true);
});

test('metadata is identical apart from its URLs, which all point at the bridge', async () => {
  const { ct, ecg } = t.demo;
  const path = `/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}/metadata`;
  const res = await t.fetch(`/dicom-web${path}`, { token });
  const text = await res.text();
  assert.ok(!text.includes(t.orthanc.baseUrl), 'no Orthanc URL may leak');
  await sameJson(path);
  // The CT's pixel data is stored compressed, which Orthanc's metadata leaves out; the ECG's
  // waveform is bulk data.
  const ecgPath = `/studies/${ecg.studyInstanceUid}/series/${ecg.seriesInstanceUid}/instances/${ecg.sopInstanceUid}/metadata`;
  const ecgText = await (await t.fetch(`/dicom-web${ecgPath}`, { token })).text();
  assert.ok(
    ecgText.includes(`${bridgeRoot}/studies/${ecg.studyInstanceUid}/series/`),
    'bulk data URIs point at the bridge',
  );
  await sameJson(ecgPath);
});

test('frames come through byte-identical, with the multipart Content-Type passed on unchanged', async () => {
  const { ct } = t.demo;
  for (const sop of [ct.sopInstanceUids[0], ct.sopInstanceUids[50], ct.sopInstanceUids.at(-1)]) {
    const path = `/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}/instances/${sop}/frames/1`;
    const viaBridge = await multipartParts(await t.fetch(`/dicom-web${path}`, { token }));
    const direct = await multipartParts(await t.direct(path));
    assert.match(viaBridge.contentType, /^multipart\/related; type="application\/octet-stream/);
    assert.equal(
      viaBridge.contentType.replace(/boundary=.*/, ''),
      direct.contentType.replace(/boundary=.*/, ''),
    );
    assert.equal(viaBridge.parts.length, 1);
    assert.equal(viaBridge.parts[0]?.length, 512 * 512 * 2);
    assert.ok(viaBridge.parts[0].equals(direct.parts[0] ?? Buffer.alloc(0)), `frame of ${sop} differs`);
  }
});

test('the Accept header reaches the PACS, so a viewer can ask for a transfer syntax', async () => {
  const { ct } = t.demo;
  const path = `/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}/instances/${ct.sopInstanceUids[3]}/frames/1`;
  const accept = 'multipart/related; type="application/octet-stream"; transfer-syntax=1.2.840.10008.1.2.1';
  const res = await t.fetch(`/dicom-web${path}`, { token, headers: { accept } });
  const { contentType, parts } = await multipartParts(res);
  assert.match(contentType, /transfer-syntax=1\.2\.840\.10008\.1\.2\.1/);
  assert.equal(parts.length, 1);
});

test('bulk data URIs from bridged metadata fetch the same ECG samples as Orthanc serves', async () => {
  const { ecg } = t.demo;
  const path = `/studies/${ecg.studyInstanceUid}/series/${ecg.seriesInstanceUid}/instances/${ecg.sopInstanceUid}/metadata`;
  const [meta] = parseDicomJsonArray(await (await t.fetch(`/dicom-web${path}`, { token })).text());
  const group = items(meta ?? {}, '54000100')[0];
  const uri = group?.['54001010']?.BulkDataURI ?? '';
  assert.ok(uri.startsWith(bridgeRoot));
  const viaBridge = await multipartParts(await t.fetch(uri.slice(t.baseUrl.length), { token }));
  const direct = await multipartParts(await t.direct(uri.slice(bridgeRoot.length)));
  assert.equal(viaBridge.parts[0]?.length, 12 * 10_000 * 2);
  assert.ok(viaBridge.parts[0].equals(direct.parts[0] ?? Buffer.alloc(0)));
});

test('rendered images and whole instances stream through unchanged', async () => {
  const { ctSmall } = t.demo;
  const instance = `/studies/${ctSmall.studyInstanceUid}/series/${ctSmall.seriesInstanceUid}/instances/${ctSmall.sopInstanceUid}`;
  const rendered = await t.fetch(`/dicom-web${instance}/rendered`, {
    token,
    headers: { accept: 'image/png' },
  });
  assert.equal(rendered.status, 200);
  assert.equal(rendered.headers.get('content-type'), 'image/png');
  const png = Buffer.from(await rendered.arrayBuffer());
  const directPng = Buffer.from(
    await (await t.direct(`${instance}/rendered`, { headers: { accept: 'image/png' } })).arrayBuffer(),
  );
  assert.ok(png.equals(directPng));
  const file = await multipartParts(await t.fetch(`/dicom-web${instance}`, { token }));
  const directFile = await multipartParts(await t.direct(instance));
  assert.ok(file.parts[0]?.equals(directFile.parts[0] ?? Buffer.alloc(0)));
  assert.equal(file.parts[0]?.subarray(128, 132).toString(), 'DICM');
});

test('a browser on another origin may call the DICOMweb root with a bearer token', async () => {
  const preflight = await t.fetch('/dicom-web/studies', {
    method: 'OPTIONS',
    headers: { origin: 'http://viewer.example', 'access-control-request-headers': 'authorization' },
  });
  assert.equal(preflight.status, 204);
  assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
  const res = await t.fetch(`/dicom-web/studies?StudyInstanceUID=${t.demo.ct.studyInstanceUid}`, {
    token,
    headers: { origin: 'http://viewer.example' },
  });
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  await res.body?.cancel();
});
