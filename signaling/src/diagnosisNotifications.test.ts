// diagnosis:changed reaches the requesting doctor and the reading centre's department (its
// worklist refreshes), nobody else: not the rest of either institution, not another centre.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Socket } from 'socket.io-client';
import { sleep, waitFor } from '@tiered-care/testkit';
import { mustDiagnosisAct, requestDiagnosis, uploadedStudy, useTestApp } from '@tiered-care/testkit/harness';

const t = useTestApp();

async function listen(
  username: string,
): Promise<{ socket: Socket; events: { action: string; critical: boolean }[] }> {
  const events: { action: string; critical: boolean }[] = [];
  const socket = await t.socket(username, (s) =>
    s.on('diagnosis:changed', (e: (typeof events)[number]) => events.push(e)),
  );
  return { socket, events };
}

test('the requester and the centre department hear of a request and its report; nobody else', async () => {
  const requester = await listen('doctor.c1');
  const reader = await listen('specialist.h1');
  const trainee = await listen('resident.h1');
  const others = await Promise.all(
    ['coordinator.c1', 'coordinator.h1', 'radiologist.h1', 'doctor.c2'].map(listen),
  );
  const owner = await t.client('owner');
  const d = await requestDiagnosis(t, 'doctor.c1', {
    kind: 'ecg',
    patientId: await t.patientId('doctor.c1', '张桂兰'),
    studyInstanceUid: await uploadedStudy(owner, 'C1'),
    toInstitutionId: t.dir.inst.H1,
    toDepartmentId: t.dir.dept['H1/CARD'],
    priority: 'emergency',
    clinicalInfo: '突发胸痛30分钟',
    question: '急性心肌梗死？',
  });
  await waitFor('the centre to hear of the request', 5000, () =>
    Promise.resolve(reader.events.length > 0 && trainee.events.length > 0 ? true : undefined),
  );
  await mustDiagnosisAct(t, 'specialist.h1', d.id, 'claim');
  await mustDiagnosisAct(t, 'specialist.h1', d.id, 'report', {
    report: { findings: 'V1-V4导联ST段抬高0.3mV', impression: '急性前壁心肌梗死', critical: true },
  });
  await mustDiagnosisAct(t, 'specialist.h1', d.id, 'sign');
  const signed = await waitFor('the requester to hear of the signature', 5000, () =>
    Promise.resolve(requester.events.find((e) => e.action === 'sign')),
  );
  assert.equal(signed.critical, true);
  assert.doesNotMatch(JSON.stringify(requester.events), /张桂兰/, 'ids and statuses only');
  await sleep(300);
  for (const o of others) assert.deepEqual(o.events, []);
});
