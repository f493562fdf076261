// Child processes never outlive the Node process that started them, however it dies: here it is
// killed with SIGKILL, which runs no exit handler. Before, Orthanc (and Janus) lived on as orphans
// holding their ports and files.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const dir = mkdtempSync(join(tmpdir(), 'tied-children-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const ROOT = new URL('../../', import.meta.url).pathname;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    // A zombie still answers kill(0); its state in /proc says it is gone.
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
};

/**
 * Runs `setUp` (source; `readFileSync` at hand) in a Node child that then prints the value of `pid`
 * and idles, SIGKILLs the child once it has; returns the pid and whether that process went too.
 */
async function orphanAfterKill(
  name: string,
  setUp: string,
  pid: string,
): Promise<{ pid: number; gone: boolean }> {
  const file = join(dir, `${name}.mts`);
  writeFileSync(
    file,
    `import { readFileSync } from 'node:fs';\n${setUp}\nconsole.log('pid=' + (${pid}));\nsetInterval(() => {}, 1000);\n`,
  );
  const parent = spawn(process.execPath, ['--import', 'tsx', file], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const printed = await new Promise<number>((resolve, reject) => {
    let out = '';
    parent.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /pid=(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    parent.once('exit', (c) => reject(new Error(`${name}: parent exited (${c}) before printing a pid`)));
  });
  assert.ok(alive(printed), `${name} runs`);
  parent.kill('SIGKILL');
  const until = Date.now() + 5000;
  while (alive(printed) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  const gone = !alive(printed);
  if (!gone) process.kill(printed, 'SIGKILL');
  return { pid: printed, gone };
}

test('a program started with spawnTied dies with its parent', async () => {
  const { gone } = await orphanAfterKill(
    'sleeper',
    `import { spawnTied } from ${JSON.stringify(join(ROOT, 'common/src/process.ts'))};
     const c = spawnTied('sleep', ['300'], { stdio: 'ignore' });`,
    'c.pid',
  );
  assert.ok(gone, 'the child died with its parent');
});

test('a program started with spawnTied dies even when its parent dies the moment it spawned it', async () => {
  // The parent stops the tied child right after spawn() returns, before it can set its death
  // signal, and dies; the child goes on only after that. A loaded machine does the same by simply
  // not scheduling the child in time: only a check made after setting the signal can notice that
  // the parent is already gone.
  const file = join(dir, 'hasty.mts');
  writeFileSync(
    file,
    `import { writeSync } from 'node:fs';
     import { spawnTied } from ${JSON.stringify(join(ROOT, 'common/src/process.ts'))};
     const c = spawnTied('sleep', ['300'], { stdio: 'ignore' });
     process.kill(c.pid, 'SIGSTOP');
     writeSync(1, 'pid=' + c.pid + '\\n');
     process.kill(process.pid, 'SIGKILL');`,
  );
  const parent = spawn(process.execPath, ['--import', 'tsx', file], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  parent.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((r) => parent.once('exit', r));
  const pid = Number(/pid=(\d+)/.exec(out)?.[1]);
  assert.ok(pid > 0, `the parent printed the child's pid (${out})`);
  process.kill(pid, 'SIGCONT');
  const until = Date.now() + 5000;
  while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  const gone = !alive(pid);
  if (!gone) process.kill(pid, 'SIGKILL');
  assert.ok(gone, 'the child died although its parent was gone before it was tied');
});

test(
  'Orthanc started by the scripts dies with the Node process that started it',
  { timeout: 60_000 },
  async () => {
    const port = 18_000 + Math.floor(Math.random() * 1000);
    const { gone } = await orphanAfterKill(
      'orthanc',
      `import { startOrthanc } from ${JSON.stringify(join(ROOT, 'testkit/src/orthanc.ts'))};
     const o = await startOrthanc(${JSON.stringify(join(dir, 'orthanc'))}, { port: ${port} });`,
      "readFileSync(o.dataDir + '/orthanc.pid', 'utf8')",
    );
    assert.ok(gone, 'Orthanc died with its parent');
  },
);

test(
  'the PostgreSQL cluster started by the scripts stops with the Node process that started it',
  { timeout: 90_000 },
  async () => {
    const root = join(dir, 'pg');
    chmodSync(dir, 0o755); // the cluster's owner, postgres, must reach its folder
    const port = 19_000 + Math.floor(Math.random() * 1000);
    const postgres = JSON.stringify(join(ROOT, 'testkit/src/postgres.ts'));
    const { gone } = await orphanAfterKill(
      'postgres',
      `import { startCluster } from ${postgres};
     const c = startCluster(${JSON.stringify(root)}, ${port});`,
      "readFileSync(c.dataDir + '/postmaster.pid', 'utf8').split('\\n')[0]",
    );
    assert.ok(gone, 'the postmaster stopped with its parent');
    // A clean (fast) shutdown, not a crash: the next start needs no recovery, and the data is intact.
    const log = readFileSync(join(root, 'postgres.log'), 'utf8');
    assert.match(log, /database system is shut down/);
    const { startCluster } = await import('@tiered-care/testkit');
    const again = startCluster(root, port);
    try {
      assert.doesNotMatch(readFileSync(join(root, 'postgres.log'), 'utf8'), /not properly shut down/);
    } finally {
      again.stop();
    }
  },
);
