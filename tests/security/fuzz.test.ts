// A fuzz pass over every route the app documents (API, bridge) plus the DICOMweb gateway:
// malformed path ids, query values and bodies, as three kinds of caller. Nothing may answer
// 5xx, every JSON error must be in the one shape, and the server must still be healthy after.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startBridgeTestApp, type BridgeTestApp } from '@tiered-care/testkit/bridge';

let t: BridgeTestApp;
before(async () => {
  t = await startBridgeTestApp();
});
after(() => t.close());

/** A small deterministic PRNG, so a failure reproduces. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WEIRD_STRINGS = [
  '',
  ' ',
  'x'.repeat(10_000),
  '0000-01-01',
  '9999-12-31T23:59:59Z',
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  '%00',
  '\u0000',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-4fff-bfff-ffffffffffff',
  '1.2.840.10008.1.2',
  '1.' + '2'.repeat(80),
  '😀'.repeat(300),
  '[object Object]',
];
const WEIRD_VALUES: unknown[] = [
  ...WEIRD_STRINGS,
  0,
  -1,
  2 ** 53,
  1.5,
  Number.MAX_VALUE,
  true,
  null,
  [],
  [1, 2, 3],
  {},
  { $gt: '' },
  Array.from({ length: 500 }, (_, i) => i),
  { a: { b: { c: { d: { e: {} } } } } },
];

interface Op {
  method: string;
  path: string;
  query: string[];
  body?: { properties?: Record<string, unknown>; required?: string[] };
}

interface Probe {
  method: string;
  url: string;
  body?: string;
  who: 'anonymous' | 'doctor.c1' | 'coordinator.h1' | 'specialist.h1';
}

function probesFor(op: Op, pick: <T>(xs: readonly T[]) => T, count: number, ids: string[]): Probe[] {
  const out: Probe[] = [];
  // Mostly signed in, and mostly with ids that look right, so bodies and queries get checked.
  const who = [
    'anonymous',
    'doctor.c1',
    'doctor.c1',
    'coordinator.h1',
    'coordinator.h1',
    'specialist.h1',
  ] as const;
  for (let i = 0; i < count; i++) {
    const path = op.path.replace(/\{[A-Za-z]+\}/g, () =>
      encodeURIComponent(i % 2 === 0 ? pick(ids) : pick(WEIRD_STRINGS) || 'x'),
    );
    const params = new URLSearchParams();
    for (const q of op.query) if (i % 2 === 0 || q === pick(op.query)) params.set(q, pick(WEIRD_STRINGS));
    if (i % 5 === 0) params.set('unknownField', 'x');
    let body: string | undefined;
    if (op.method !== 'get') {
      const props = Object.keys(op.body?.properties ?? {});
      const shape = i % 6;
      if (shape === 0) body = '{"unterminated": ';
      else if (shape === 1) body = JSON.stringify(pick(WEIRD_VALUES));
      else {
        const o: Record<string, unknown> = {};
        for (const p of props) if (i % 3 !== 0 || p === pick(props)) o[p] = pick(WEIRD_VALUES);
        if (shape === 5) o.unexpected = pick(WEIRD_VALUES);
        body = JSON.stringify(o);
      }
    }
    const qs = params.toString();
    out.push({ method: op.method.toUpperCase(), url: path + (qs ? `?${qs}` : ''), body, who: pick(who) });
  }
  return out;
}

test(
  '≥ 2000 malformed requests over every route: no 5xx, every error in the one shape',
  { timeout: 600_000 },
  async () => {
    const doc = (await (await t.fetch('/api/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; in: string }[];
            requestBody?: { content: Record<string, { schema: Op['body'] }> };
          }
        >
      >;
    };
    const ops: Op[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        // Sign-in is throttled per address on purpose; it is probed below, a few times only.
        if (path === '/api/auth/login') continue;
        ops.push({
          method,
          path,
          query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
          body: op.requestBody?.content['application/json']?.schema,
        });
      }
    }
    // The DICOMweb gateway is not in the API document: probe its shapes too.
    for (const path of [
      '/dicom-web/studies',
      '/dicom-web/studies/{study}/series',
      '/dicom-web/studies/{study}/series/{series}/instances/{instance}/frames/{frame}',
      '/dicom-web/studies/{study}/series/{series}/instances/{instance}/rendered',
      '/dicom-web/studies/{study}/metadata',
    ]) {
      ops.push({ method: 'get', path, query: ['PatientName', 'limit', 'offset', 'includefield', 'quality'] });
    }
    const pick = (() => {
      const r = rng(20261207);
      return <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
    })();
    const perOp = Math.ceil(2100 / ops.length);
    // Real ids of things the callers can and can't see: referrals, consultations, studies.
    const seen = await (
      await t.fetch('/api/referrals?box=outgoing', { token: await t.login('doctor.c1') })
    ).json();
    const consults = await (
      await t.fetch('/api/consultations', { token: await t.login('specialist.h1') })
    ).json();
    const ids = [
      ...(seen as { items: { id: string }[] }).items.map((r) => r.id),
      ...(consults as { id: string }[]).map((c) => c.id),
      t.demo.referralId,
      ...t.demo.studyInstanceUids,
      t.demo.ct.seriesInstanceUid,
      t.demo.ct.sopInstanceUids[0] ?? '1.2.3',
      crypto.randomUUID(),
    ];
    const probes = ops.flatMap((op) => probesFor(op, pick, perOp, ids));
    probes.push(
      ...WEIRD_VALUES.slice(0, 12).map((v) => ({
        method: 'POST',
        url: '/api/auth/login',
        body: JSON.stringify({ username: v, password: v }),
        who: 'anonymous' as const,
      })),
    );
    const tokens = {
      'doctor.c1': await t.login('doctor.c1'),
      'coordinator.h1': await t.login('coordinator.h1'),
      'specialist.h1': await t.login('specialist.h1'),
    };

    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < probes.length) {
        const p = probes[next++]!;
        const headers: Record<string, string> = {};
        if (p.who !== 'anonymous') headers.authorization = `Bearer ${tokens[p.who]}`;
        if (p.body !== undefined) headers['content-type'] = 'application/json';
        const res = await t.fetch(p.url, { method: p.method, headers, body: p.body });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const text = await res.text();
        const where = `${p.method} ${p.url.slice(0, 160)} (${p.who}) body=${(p.body ?? '').slice(0, 120)}`;
        if (res.status >= 500) failures.push(`${res.status} ${where}: ${text.slice(0, 200)}`);
        else if (res.status >= 400 && res.headers.get('content-type')?.includes('json')) {
          const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
          if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string') {
            failures.push(`shape ${res.status} ${where}: ${text.slice(0, 200)}`);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    console.log(
      `# fuzz: ${probes.length} requests over ${ops.length} operations; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    assert.ok(probes.length >= 2000);
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failures`);
    assert.equal((await t.fetch('/healthz')).status, 200, 'the server is alive and healthy');
  },
);
