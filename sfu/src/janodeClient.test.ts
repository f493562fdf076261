import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const dir = mkdtempSync(join(tmpdir(), 'sfu-janode-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// Makes the native addon look unbuilt, as after `npm ci` without install scripts.
const unbuilt = join(dir, 'unbuilt.cjs');
writeFileSync(
  unbuilt,
  `const Module = require('node:module');
const load = Module._load;
Module._load = function (request, parent, ...rest) {
  if (request === 'bindings' && parent && parent.filename.includes('unix-dgram')) {
    throw new Error('Could not locate the bindings file');
  }
  return load.call(this, request, parent, ...rest);
};`,
);

function run(code: string) {
  return spawnSync(
    process.execPath,
    ['--require', unbuilt, '--import', 'tsx', '--input-type=module', '-e', code],
    {
      encoding: 'utf8',
      cwd: new URL('../..', import.meta.url).pathname,
    },
  );
}

describe('loading janode', () => {
  test('without the unix-dgram addon built, plain janode fails to load (the case we guard against)', () => {
    const r = run(`await import('janode');`);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /bindings file/);
  });

  test('the SFU and janode (through loadJanode) load anyway; only a Unix-socket transport would fail', () => {
    const client = new URL('./janodeClient.ts', import.meta.url).pathname;
    const index = new URL('./index.ts', import.meta.url).pathname;
    const r = run(
      `await import(${JSON.stringify(index)});
const Janode = await (await import(${JSON.stringify(client)})).loadJanode();
const dgram = (await import('node:module')).createRequire(import.meta.url)('unix-dgram');
let message = '';
try { dgram.createSocket('unix_dgram'); } catch (e) { message = e.message; }
console.log(JSON.stringify({ connect: typeof Janode.connect, message }));`,
    );
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout.trim());
    assert.equal(out.connect, 'function');
    assert.match(out.message, /unix-dgram is not built/);
  });
});
