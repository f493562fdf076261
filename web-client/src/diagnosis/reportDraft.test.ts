/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ecgInputs, ecgValues, EMPTY_ECG } from './ecgFields';
import { toContent, withMeasured, type ReportDraft } from './reportDraft';
import { EMPTY_FORM, toRequestBody } from './requestForm';

const measured = {
  heartRate: 72,
  rhythm: '窦性心律',
  prMs: 160,
  qrsMs: 90,
  qtMs: 380,
  qtcMs: 410,
  axisDeg: 45,
};
const draft = (patch: Partial<ReportDraft> = {}): ReportDraft => ({
  findings: '窦性心律',
  impression: '正常心电图',
  critical: false,
  criticalNote: '',
  ecg: EMPTY_ECG,
  ...patch,
});

test("the bridge's measurements fill only the ECG boxes the reader left empty", () => {
  const filled = withMeasured(draft({ ecg: { ...EMPTY_ECG, heartRate: '75' } }), measured);
  assert.equal(filled.ecg.heartRate, '75');
  assert.equal(filled.ecg.qtcMs, '410');
  assert.equal(filled.ecg.rhythm, '窦性心律');
});

test('an emptied ECG box is "not measured", a typed one a whole number', () => {
  const values = ecgValues({ ...ecgInputs(measured), prMs: ' ', heartRate: '71.6' });
  assert.equal(values.prMs, null);
  assert.equal(values.heartRate, 72);
});

test('a report needs findings and an impression; ECG figures go with an ECG report only', () => {
  assert.equal(toContent(draft({ findings: ' ' }), false).success, false);
  const ecg = toContent(draft({ ecg: ecgInputs(measured) }), true);
  assert.ok(ecg.success);
  assert.equal(ecg.data.ecg?.heartRate, 72);
  const imaging = toContent(draft({ ecg: ecgInputs(measured) }), false);
  assert.ok(imaging.success);
  assert.equal(imaging.data.ecg, undefined);
});

test('a critical note is sent only with a critical finding', () => {
  const plain = toContent(draft({ criticalNote: '已电话通知' }), false);
  assert.ok(plain.success);
  assert.equal(plain.data.criticalNote, undefined);
  const critical = toContent(draft({ critical: true, criticalNote: '已电话通知' }), false);
  assert.ok(critical.success);
  assert.equal(critical.data.criticalNote, '已电话通知');
});

test('a request without a chosen reading centre is refused before it is sent', () => {
  const form = {
    ...EMPTY_FORM,
    studyInstanceUid: '1.2.3.4',
    clinicalInfo: '胸闷',
    question: '有无缺血',
  };
  const patient = '6f1c2b9e-8a4d-4c1e-9b3f-2d5e7a9c1b0f';
  assert.equal(toRequestBody(form, patient, null).success, false);
  const centre = '0b9e2c4d-1a3f-4e5b-8c7d-9e0f1a2b3c4d/1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
  assert.ok(toRequestBody({ ...form, centre }, patient, null).success);
});
