import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '@tiered-care/platform';
import { UploadBudget, UploadSlots } from './slots';

const code = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof AppError ? err.code : 'other';
  }
};

test('slots: two per user, given back once each, users apart', () => {
  const slots = new UploadSlots(2);
  const a = slots.acquire('u1');
  slots.acquire('u1');
  assert.equal(
    code(() => slots.acquire('u1')),
    'upload_busy',
  );
  assert.equal(
    code(() => slots.acquire('u2')),
    null,
  );
  a();
  a();
  assert.equal(
    code(() => slots.acquire('u1')),
    null,
  );
  assert.equal(
    code(() => slots.acquire('u1')),
    'upload_busy',
    'giving back twice frees one slot',
  );
});

test('the hourly byte budget refuses the first byte over, and renews after the hour', () => {
  let now = 0;
  const budget = new UploadBudget(1000, () => now);
  budget.check('u1');
  budget.spend('u1', 600);
  assert.equal(
    code(() => budget.spend('u1', 401)),
    'upload_budget',
  );
  assert.equal(
    code(() => budget.check('u1')),
    'upload_budget',
  );
  assert.equal(
    code(() => budget.check('u2')),
    null,
  );
  now = 3_600_000;
  assert.equal(
    code(() => budget.check('u1')),
    null,
  );
  assert.equal(
    code(() => new UploadBudget(null).spend('u1', 1e12)),
    null,
    'no budget: no limit',
  );
});
