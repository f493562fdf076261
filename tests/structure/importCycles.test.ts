// No file of a part may import itself back through others (signaling's rooms and recording once
// did): a cycle makes load order matter and hides which file owns what. One test per part, so a
// failure names it.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { importCycles, workspaces } from '@tiered-care/testkit/structure';

const ROOT = resolve(import.meta.dirname, '../..');
// tests/ holds test files only, which importCycles skips: nothing imports them.
const PARTS = workspaces(ROOT).filter((part) => part !== 'tests');

for (const part of PARTS) {
  test(`${part} has no import cycles`, () => {
    assert.deepEqual(importCycles(resolve(ROOT, part)), []);
  });
}
