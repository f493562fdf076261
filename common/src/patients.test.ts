import assert from 'node:assert/strict';
import { test } from 'node:test';
import { identityCheckChar, IdentityNumber, isValidIdentityNumber } from './patients';

test('the identity number check character follows GB 11643', () => {
  // Worked example from the standard: 11010519491231002X.
  assert.equal(identityCheckChar('11010519491231002'), 'X');
  assert.equal(isValidIdentityNumber('11010519491231002X'), true);
  assert.equal(isValidIdentityNumber('110105194912310021'), false);
});

test('identity numbers are accepted with a lower-case x and surrounding spaces', () => {
  assert.equal(IdentityNumber.parse(' 11010519491231002x '), '11010519491231002X');
  assert.equal(IdentityNumber.safeParse('1101051949123100').success, false);
});
