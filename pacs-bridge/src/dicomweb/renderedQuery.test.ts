// Rendered images at a size and window the viewer asks for (its preview and thumbnails): the
// parameters reach the PACS as DICOMweb writes them, comma-separated, and the image is the PACS's.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { useBridgeTestApp } from '@tiered-care/testkit/bridge';

const t = useBridgeTestApp();
let token: string;

before(async () => {
  token = await t.login('specialist.h1');
});

test('a rendered JPEG with viewport, window and quality is the one Orthanc renders', async () => {
  const { ct } = t.demo;
  const frame =
    `/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}` +
    `/instances/${ct.sopInstanceUids[0]}/frames/1/rendered?viewport=88,88&window=40,400,linear&quality=80`;
  const viaBridge = await t.fetch(`/dicom-web${frame}`, { token, headers: { accept: 'image/jpeg' } });
  assert.equal(viaBridge.status, 200);
  assert.equal(viaBridge.headers.get('content-type'), 'image/jpeg');
  const direct = await t.direct(frame, { headers: { accept: 'image/jpeg' } });
  assert.equal(direct.status, 200);
  assert.ok(Buffer.from(await viaBridge.arrayBuffer()).equals(Buffer.from(await direct.arrayBuffer())));
});
