// A hospital's own PACS is not the region archive. Found by trying: in the demo, H1's PACS and
// the region's upload archive are the same Orthanc, so specialist.h1 found a study doctor.c2 had
// uploaded by searching H1's "own" PACS, attached it to an H1 referral and opened it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useBridgeTestApp } from '@tiered-care/testkit/bridge';
import { freshDicomFile } from '@tiered-care/testkit/fixtures';

const t = useBridgeTestApp({ phantom: { slices: 4, size: 256 } });

test('a study another clinic uploaded is not in H1’s own PACS: not found by search, not attachable', async () => {
  const fresh = freshDicomFile('C2-PRIVATE-7');
  const up = await t.upload('doctor.c2', fresh.file);
  assert.equal(up.status, 201);

  const h1 = await t.login('specialist.h1');
  const search = await t.fetch('/dicom-web/studies?PatientID=C2-PRIVATE-7', { token: h1 });
  const found = search.status === 200 ? ((await search.json()) as unknown[]) : [];
  assert.equal(found.length, 0, 'H1’s own-PACS search does not list it');

  // An H1 referral of H1's own patient, to which H1 tries to attach the C2 upload.
  const ids = await t.institutionIds();
  const patient = await t.patientIdOf('specialist.h1', '李建国');
  const referral = await t.createReferral('specialist.h1', patient, ids.C1 ?? '');
  const attach = await t.fetch(`/api/referrals/${referral}/studies`, {
    method: 'POST',
    token: h1,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ studyInstanceUid: fresh.study }),
  });
  assert.equal(attach.status, 404, 'and cannot be attached');
  const open = await t.fetch(`/dicom-web/studies/${fresh.study}/metadata`, { token: h1 });
  assert.equal(open.status, 404, 'nor opened');
  // The clinic that uploaded it still finds and attaches it (region archive, its own claim).
  const c2 = await t.fetch(`/dicom-web/studies?StudyInstanceUID=${fresh.study}`, {
    token: await t.login('doctor.c2'),
  });
  assert.notEqual(c2.status, 500);
});
