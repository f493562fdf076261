import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StudySource } from '../pacs/endpoints';
import { AccessDecisions } from './decisions';

const source: StudySource = {
  endpointId: 'e',
  baseUrl: 'http://pacs/dicom-web',
  authorization: null,
  referralId: 'r',
  consultationId: null,
  diagnosisRequestId: null,
  patientId: 'p',
};

test('a granted study is remembered only until its time-to-live runs out', () => {
  let now = 0;
  const decisions = new AccessDecisions(5000, () => now);
  decisions.set('user|study', source);
  now = 4999;
  assert.equal(decisions.get('user|study'), source);
  assert.equal(decisions.get('other|study'), undefined);
  now = 5000;
  assert.equal(decisions.get('user|study'), undefined);
});

test('a time-to-live of zero remembers nothing', () => {
  const decisions = new AccessDecisions(0, () => 0);
  decisions.set('user|study', source);
  assert.equal(decisions.get('user|study'), undefined);
});
