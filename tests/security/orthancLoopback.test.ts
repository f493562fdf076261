// Orthanc 1.10 has no bind-address option (its embedded web server is given only `HttpPort`), so
// the PACS socket listens on every interface. What keeps it local: `RemoteAccessAllowed: false`
// (a client not on loopback gets 401 whatever credentials it sends) and no DICOM listener at all.
// Checked from a second host: Orthanc runs in a network namespace of this test's own, joined by
// a veth pair to another namespace that plays a machine on the clinic network (no traffic to
// this machine's real interfaces).
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

const ROOT = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'orthanc-loopback-'));
const tag = Math.random().toString(16).slice(2, 8);
const pacsNs = `tc-pacs-${tag}`;
const clinicNs = `tc-clinic-${tag}`;
const net = `10.${80 + Math.floor(Math.random() * 40)}.${Math.floor(Math.random() * 250)}`;
const port = 18_000 + Math.floor(Math.random() * 1000);
const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });
let parent: ChildProcess;
let orthanc: { pid: number; username: string; password: string };

before(async () => {
  ip('netns', 'add', pacsNs);
  ip('netns', 'add', clinicNs);
  ip(
    'link',
    'add',
    `vp${tag}`,
    'netns',
    pacsNs,
    'type',
    'veth',
    'peer',
    'name',
    `vc${tag}`,
    'netns',
    clinicNs,
  );
  for (const [ns, dev, addr] of [
    [pacsNs, `vp${tag}`, `${net}.1/24`],
    [clinicNs, `vc${tag}`, `${net}.2/24`],
  ] as const) {
    ip('-n', ns, 'addr', 'add', addr, 'dev', dev);
    ip('-n', ns, 'link', 'set', dev, 'up');
    ip('-n', ns, 'link', 'set', 'lo', 'up');
  }
  const script = join(dir, 'start.mts');
  writeFileSync(
    script,
    `import { startOrthanc } from ${JSON.stringify(join(ROOT, 'testkit/src/orthanc.ts'))};
     import { readFileSync } from 'node:fs';
     const o = await startOrthanc(${JSON.stringify(join(dir, 'orthanc'))}, { port: ${port} });
     const pid = Number(readFileSync(o.dataDir + '/orthanc.pid', 'utf8'));
     console.log('ready ' + JSON.stringify({ pid, username: o.username, password: o.password }));
     setInterval(() => {}, 1000);`,
  );
  parent = spawn('ip', ['netns', 'exec', pacsNs, process.execPath, '--import', 'tsx', script], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  orthanc = await new Promise((resolve, reject) => {
    let out = '';
    parent.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready (\{.*\})/.exec(out);
      if (m?.[1]) resolve(JSON.parse(m[1]) as typeof orthanc);
    });
    parent.once('exit', (c) => reject(new Error(`the Orthanc starter exited (${c})`)));
  });
});

after(() => {
  parent.kill('SIGKILL'); // Orthanc is tied to it and dies too
  for (const ns of [pacsNs, clinicNs]) {
    try {
      ip('netns', 'del', ns);
    } catch {
      // never created
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

/** curl from inside a namespace: the HTTP status, or 0 when no connection was made. */
function statusFrom(ns: string, url: string): number {
  const out = execFileSync(
    'ip',
    ['netns', 'exec', ns, 'curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', '-m', '5'].concat([
      '-u',
      `${orthanc.username}:${orthanc.password}`,
      url,
    ]),
    { encoding: 'utf8' },
  ).trim();
  return Number(out);
}

/** Listening TCP ports of Orthanc's namespace (/proc/<pid>/net/tcp, state 0A = LISTEN). */
function listeningPorts(pid: number): { address: string; port: number }[] {
  return readFileSync(`/proc/${pid}/net/tcp`, 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f[3] === '0A' && f[1])
    .map((f) => {
      const [hex = '', portHex = ''] = (f[1] ?? '').split(':');
      const address = (hex.match(/../g) ?? [])
        .reverse()
        .map((b) => parseInt(b, 16))
        .join('.');
      return { address, port: parseInt(portHex, 16) };
    });
}

test('Orthanc answers on loopback and refuses a client from the network, with the right password', () => {
  assert.equal(statusFrom(pacsNs, `http://127.0.0.1:${port}/system`), 200);
  // Orthanc refuses a remote client with 401 even though the credentials are right.
  assert.equal(statusFrom(clinicNs, `http://${net}.1:${port}/system`), 401);
});

test('Orthanc opens no port but its HTTP port (no DICOM listener)', () => {
  assert.deepEqual(
    listeningPorts(orthanc.pid).map((l) => l.port),
    [port],
  );
});
