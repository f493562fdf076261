// Attaching a study requires that the study's DICOM PatientID matches the patient: the identity
// number the system registered for them. Otherwise a clinic could put another person's images
// (or a crafted upload) on a referral, and the receiving hospital would read them as this patient's.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { demoDicomPatientId } from '../demo/patientIds';
import { startBridgeTestApp, uploadFresh, type BridgeTestApp } from '@tiered-care/testkit/bridge';

let t: BridgeTestApp;

before(async () => {
  t = await startBridgeTestApp({ phantom: { slices: 2, size: 256 } });
});
after(() => t.close());

const uploadAs = (username: string, patientId: string) => uploadFresh(t, username, patientId);

async function share(path: string, study: string) {
  const res = await t.fetch(path, {
    method: 'POST',
    token: await t.login('doctor.c1'),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ studyInstanceUid: study }),
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
}

test("a study whose PatientID is another patient's is not attached to the referral", async () => {
  const other = await uploadAs('doctor.c1', demoDicomPatientId('C1/李建国'));
  const res = await share(`/api/referrals/${t.demo.referralId}/studies`, other);
  assert.equal(res.status, 409, JSON.stringify(res.body));
  assert.equal(res.body.error?.code, 'patient_mismatch');
  const unknown = await uploadAs('doctor.c1', 'C1-0001');
  assert.equal((await share(`/api/referrals/${t.demo.referralId}/studies`, unknown)).status, 409);
});

test("a study carrying the patient's identity number is attached, to a referral and to a consultation", async () => {
  const hers = await uploadAs('doctor.c1', demoDicomPatientId('C1/张桂兰'));
  assert.equal((await share(`/api/referrals/${t.demo.referralId}/studies`, hers)).status, 201);
  const lowercase = await uploadAs('doctor.c1', demoDicomPatientId('C1/张桂兰').toLowerCase());
  assert.equal((await share(`/api/referrals/${t.demo.referralId}/studies`, lowercase)).status, 201);
  const consultation = `/api/consultations/${t.demo.consultationId ?? ''}/studies`;
  assert.equal((await share(consultation, hers)).status, 201);
  const other = await uploadAs('doctor.c1', demoDicomPatientId('C1/王秀英'));
  const refused = await share(consultation, other);
  assert.equal(refused.status, 409);
  assert.equal(refused.body.error?.code, 'patient_mismatch');
});
