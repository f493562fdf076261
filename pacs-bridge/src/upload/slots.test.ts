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
const assertCode = (fn: () => unknown, expected: string | null, message?: string) =>
  assert.equal(code(fn), expected, message);

test('slots: two per user, given back once each, users apart', () => {
  const slots = new UploadSlots(2);
  const a = slots.acquire('u1');
  slots.acquire('u1');
  assertCode(() => slots.acquire('u1'), 'upload_busy');
  assertCode(() => slots.acquire('u2'), null);
  a();
  a();
  assertCode(() => slots.acquire('u1'), null);
  assertCode(() => slots.acquire('u1'), 'upload_busy', 'giving back twice frees one slot');
});

test('the hourly byte budget refuses the first byte over, and renews after the hour', () => {
  let now = 0;
  const budget = new UploadBudget(1000, () => now);
  budget.check('u1');
  budget.spend('u1', 600);
  assertCode(() => budget.spend('u1', 401), 'upload_budget');
  assertCode(() => budget.check('u1'), 'upload_budget');
  assertCode(() => budget.check('u2'), null);
  now = 3_600_000;
  assertCode(() => budget.check('u1'), null);
  assertCode(() => new UploadBudget(null).spend('u1', 1e12), null, 'no budget: no limit');
});
