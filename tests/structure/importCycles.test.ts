// No file of a part may import itself back through others (signaling's rooms and recording once
// did): a cycle makes load order matter and hides which file owns what. One test per part, so a
// failure names it.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { importCycles } from '@tiered-care/testkit/structure';

const ROOT = resolve(import.meta.dirname, '../..');
const PARTS = [
  'common',
  'platform',
  'referral-api',
  'signaling',
  'sfu',
  'pacs-bridge',
  'web-client',
  'testkit',
];

for (const part of PARTS) {
  test(`${part} has no import cycles`, () => {
    assert.deepEqual(importCycles(resolve(ROOT, part)), []);
  });
}
