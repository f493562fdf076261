// Uploading images for a clinic without a PACS, attaching studies to referrals, listing them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { items, parseDicomJsonArray, str } from '@tiered-care/common/dicomJson';
import { TAG } from '../dicom/tags';
import { PYDICOM_TEST_FILES } from '../demo/loadDemoStudies';
import { freshListing, useBridgeTestApp } from '@tiered-care/testkit/bridge';
import { freshDicomFile, multipartRelated } from '@tiered-care/testkit/fixtures';

const t = useBridgeTestApp({ phantom: { slices: 12, size: 256 } });

const json = { 'content-type': 'application/json' };

async function attach(username: string, referralId: string, studyInstanceUid: string) {
  return t.fetch(`/api/referrals/${referralId}/studies`, {
    method: 'POST',
    token: await t.login(username),
    headers: json,
    body: JSON.stringify({ studyInstanceUid }),
  });
}

test('a clinic uploads a generated CT slice, attaches it to its referral and the hospital can open it', async () => {
  const fresh = freshDicomFile();
  const up = await t.upload('doctor.c1', fresh.file);
  assert.equal(up.status, 201);
  assert.deepEqual(await up.json(), { studyInstanceUids: [fresh.study], stored: 1, failed: 0 });

  const res = await attach('doctor.c1', t.demo.referralId, fresh.study);
  assert.equal(res.status, 201);
  const shared = (await res.json()) as { studyInstanceUid: string; sharedBy: string };
  assert.equal(shared.studyInstanceUid, fresh.study);
  assert.equal(shared.sharedBy, '赵医生');
  assert.equal(
    (await attach('doctor.c1', t.demo.referralId, fresh.study)).status,
    200,
    'attaching twice is harmless',
  );

  const referral = await t.fetch(`/api/referrals/${t.demo.referralId}`, {
    token: await t.login('specialist.h1'),
  });
  const uids = ((await referral.json()) as { studyInstanceUids: string[] }).studyInstanceUids;
  assert.equal(uids.filter((u) => u === fresh.study).length, 1);

  const list = await t.fetch(`/api/referrals/${t.demo.referralId}/studies`, {
    token: await t.login('specialist.h1'),
  });
  const { studies } = (await list.json()) as { studies: Record<string, unknown>[] };
  const summary = studies.find((s) => s.studyInstanceUid === fresh.study);
  assert.deepEqual({ ...summary, id: undefined, sharedAt: undefined }, freshListing(fresh.study, '赵医生'));
  assert.equal(studies.length, t.demo.studyInstanceUids.length + 1);

  const frame = await t.fetch(
    `/dicom-web/studies/${fresh.study}/series/${fresh.series}/instances/${fresh.sop}/frames/1`,
    { token: await t.login('specialist.h1') },
  );
  assert.equal(frame.status, 200);
  await frame.body?.cancel();
});

test('STOW-RS through the bridge stores several files and answers with bridge URLs', async () => {
  const a = freshDicomFile();
  const b = freshDicomFile();
  const { body, contentType } = multipartRelated([a.file, b.file]);
  const res = await t.fetch('/dicom-web/studies', {
    method: 'POST',
    token: await t.login('doctor.c1'),
    headers: { 'content-type': contentType, accept: 'application/dicom+json' },
    body,
  });
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.ok(!text.includes(t.orthanc.baseUrl));
  const stored = items(parseDicomJsonArray(`[${text}]`)[0] ?? {}, TAG.ReferencedSOPSequence);
  assert.deepEqual(stored.map((s) => str(s, TAG.ReferencedSOPInstanceUID)).sort(), [a.sop, b.sop].sort());
  assert.ok(str(stored[0] ?? {}, TAG.RetrieveURL)?.startsWith(`${t.baseUrl}/dicom-web/studies/`));
  assert.equal((await attach('doctor.c1', t.demo.referralId, b.study)).status, 201);
});

test('only the sending side attaches, and only studies it holds', async () => {
  const fresh = freshDicomFile();
  assert.equal((await t.upload('doctor.c1', fresh.file)).status, 201);
  const receiver = await attach('specialist.h1', t.demo.referralId, fresh.study);
  assert.equal(receiver.status, 403);
  assert.equal(((await receiver.json()) as { error: { code: string } }).error.code, 'not_sender');
  assert.equal(
    (await attach('doctor.c2', t.demo.referralId, fresh.study)).status,
    404,
    "another clinic can't see the referral",
  );
  assert.equal(
    (await attach('doctor.c1', t.demo.referralId, '1.2.3.4.5.6.7')).status,
    404,
    'not in any archive',
  );

  // C2 learned the UID somehow: it still can't put C1's upload on a referral of its own.
  const inst = await t.institutionIds();
  const c2Referral = await t.createReferral(
    'doctor.c2',
    await t.patientIdOf('doctor.c2', '刘德明'),
    inst.H1 ?? '',
  );
  assert.equal((await attach('doctor.c2', c2Referral, fresh.study)).status, 404);
});

test("an upload reusing another institution's StudyInstanceUID is refused", async () => {
  const ct = readFileSync(`${PYDICOM_TEST_FILES}/CT_small.dcm`);
  const res = await t.upload('doctor.c2', ct);
  assert.equal(res.status, 409);
  assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'study_exists');
  const fresh = freshDicomFile();
  assert.equal((await t.upload('doctor.c1', fresh.file)).status, 201);
  assert.equal((await t.upload('doctor.c2', fresh.file)).status, 409);
  assert.equal((await t.upload('doctor.c1', fresh.file)).status, 201, 'the owner may send its study again');
});

test('uploads must be DICOM, from clinical staff', async () => {
  const wrongType = await t.upload('doctor.c1', Buffer.from('hello'), 'text/plain');
  assert.equal(wrongType.status, 415);
  assert.equal(
    ((await wrongType.json()) as { error: { code: string } }).error.code,
    'unsupported_media_type',
  );
  assert.equal((await t.upload('doctor.c1', Buffer.from('not a dicom file at all'))).status, 400);
  assert.equal((await t.upload('admin.h1', freshDicomFile().file)).status, 403);
  const anonymous = await t.fetch('/api/pacs/upload', {
    method: 'POST',
    headers: { 'content-type': 'application/dicom' },
    body: freshDicomFile().file,
  });
  assert.equal(anonymous.status, 401);
});

test("the OpenAPI document gives the study routes' responses their schemas from common", async () => {
  interface Schema {
    required?: string[];
    properties: Record<string, { items: { required: string[] } }>;
  }
  type Op = { responses: Record<string, { content: Record<string, { schema: Schema }> }> };
  const doc = (await (await t.fetch('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, Op | undefined>>;
  };
  for (const owner of ['referrals', 'consultations']) {
    const path = `/api/${owner}/{id}/studies`;
    const list = doc.paths[path]?.get?.responses['200']?.content['application/json']?.schema;
    assert.deepEqual(list?.required, ['studies'], `GET ${path}`);
    assert.ok(list.properties.studies?.items.required.includes('available'));
    const shared = doc.paths[path]?.post?.responses['201']?.content['application/json']?.schema;
    assert.deepEqual(
      [...(shared?.required ?? [])].sort(),
      ['id', 'sharedAt', 'sharedBy', 'studyInstanceUid'],
      `POST ${path}`,
    );
  }
});
