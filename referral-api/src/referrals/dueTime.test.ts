import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decisionDueAt, isOverdue } from './dueTime';

const t0 = new Date('2026-11-22T08:00:00Z');

test('the decision is due 2 hours after an emergency, 24 after an urgent and 3 days after a routine referral', () => {
  assert.equal(decisionDueAt('emergency', t0).toISOString(), '2026-11-22T10:00:00.000Z');
  assert.equal(decisionDueAt('urgent', t0).toISOString(), '2026-11-23T08:00:00.000Z');
  assert.equal(decisionDueAt('routine', t0).toISOString(), '2026-11-25T08:00:00.000Z');
});

test('only a submitted referral past its due time is overdue', () => {
  const due = decisionDueAt('emergency', t0);
  const later = new Date(due.getTime() + 1);
  assert.equal(isOverdue('submitted', due, later), true);
  assert.equal(isOverdue('submitted', due, t0), false);
  assert.equal(isOverdue('accepted', due, later), false);
  assert.equal(isOverdue('submitted', null, later), false);
});
