// Images follow the care relationship too (migration 015): a study shared to a referral or a
// consultation is readable through it only while it lasts. A redirect takes the images to the
// new target with the patient; the registering clinic keeps its own.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { institutionIds, startBridgeTestApp, type BridgeTestApp } from '@tiered-care/testkit/bridge';

let t: BridgeTestApp;

before(async () => {
  // Grants cached for a few seconds would outlive the relationship by that much; ask every time.
  t = await startBridgeTestApp({ phantom: { slices: 4, size: 256 }, bridge: { accessCacheMs: 0 } });
});
after(() => t.close());

async function status(path: string, username: string): Promise<number> {
  const res = await t.fetch(path, { token: await t.login(username) });
  await res.body?.cancel();
  return res.status;
}

const metadata = (study: string) => `/dicom-web/studies/${study}/metadata`;
const ecgPath = () => {
  const { ecg } = t.demo;
  return `/api/ecg/${ecg.studyInstanceUid}/${ecg.seriesInstanceUid}/${ecg.sopInstanceUid}`;
};

async function json(path: string, username: string, method = 'GET', body?: unknown) {
  const res = await t.fetch(path, {
    method,
    token: await t.login(username),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test('a consultation guest loses the studies shared to it when the consultation is cancelled', async () => {
  const consultationId = t.demo.consultationId ?? '';
  assert.ok(consultationId, 'the demo consultation exists');
  assert.equal(await status(metadata(t.demo.ct.studyInstanceUid), 'specialist.h2'), 200, 'while it is open');
  assert.equal(await status(ecgPath(), 'specialist.h2'), 200);
  const detail = await json(`/api/consultations/${consultationId}`, 'specialist.h1');
  const cancel = await json(`/api/consultations/${consultationId}/actions/cancel`, 'specialist.h1', 'POST', {
    version: detail.body.version,
    reason: '患者已转院',
  });
  assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
  assert.equal(await status(metadata(t.demo.ct.studyInstanceUid), 'specialist.h2'), 404);
  assert.equal(await status(ecgPath(), 'specialist.h2'), 404);
  assert.equal(await status(metadata(t.demo.ct.studyInstanceUid), 'doctor.c1'), 200, 'the clinic keeps them');
});

test('an institution a referral was redirected away from no longer sees the patient or the studies; the new target does', async () => {
  const inst = await institutionIds(t);
  const study = metadata(t.demo.mrSmall.studyInstanceUid);
  assert.equal(await status(study, 'coordinator.h1'), 200, 'while the referral is with H1');
  assert.equal(await status(study, 'coordinator.h2'), 404, 'H2 has no part in it yet');
  const referral = await json(`/api/referrals/${t.demo.referralId}`, 'coordinator.h1');
  const patientId = (referral.body.patient as { id: string }).id;
  const redirect = await json(
    `/api/referrals/${t.demo.referralId}/actions/redirect`,
    'coordinator.h1',
    'POST',
    {
      version: referral.body.version,
      toInstitutionId: inst.H2,
      note: '县医院可做冠脉CT',
    },
  );
  assert.equal(redirect.status, 200, JSON.stringify(redirect.body));
  for (const path of [study, metadata(t.demo.ct.studyInstanceUid), ecgPath(), `/api/patients/${patientId}`]) {
    assert.equal(await status(path, 'coordinator.h1'), 404, `H1: ${path}`);
  }
  const list = await json(`/api/referrals/${t.demo.referralId}/studies`, 'coordinator.h1');
  assert.notEqual(list.status, 500);
  for (const path of [study, ecgPath(), `/api/patients/${patientId}`]) {
    assert.equal(await status(path, 'coordinator.h2'), 200, `H2 through the new referral: ${path}`);
  }
  assert.equal(await status(study, 'doctor.c1'), 200, 'the clinic registered the patient');
});
