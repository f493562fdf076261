// `npm run bench -w referral-api`: the API ("ours", HTTP over loopback) against the same SQL sent
// straight through pg ("raw pg"), on 100 000 referrals in a throwaway cluster with fsync on.
// Prints a markdown table and writes it, with the machine it ran on, to bench/results.md.
import { loadavg } from 'node:os';
import type { Role } from '@tiered-care/common';
import pg from 'pg';
import { createPool, withActor, type Actor } from '@tiered-care/platform';
import { DEMO_PASSWORD } from '../src/demo/data';
import { countStatements } from './count';
import { machineInfo, startApp, startBenchCluster, type AppProcess, type BenchCluster } from './env';
import { Api, httpAccept, httpCreate, httpListPage, type Created, type CreateInput } from './http';
import { loadReferrals, type LoadResult } from './load';
import { measure, resultsTable, type Op, type Row } from './measure';
import { reportMarkdown, writeReport } from './report';
import { countsQuery, rawAccept, rawCreate, rawListPage, worklistQuery, type RawCursor } from './raw';

const REFERRALS = 100_000;
const CONCURRENCY = 8;
const WRITE_OPS = 2000;
const WRITE_WARMUP = 100;
// Each worklist page runs the list, the tab counts and an audit insert. Before migration 006
// (indexes for these orders, policies evaluated once per query) an all-statuses page took over a
// second, and 1000 of them would not fit in a ten-minute run; with it they take milliseconds.
const LIST_OPS = 1000;
const LIST_WARMUP = 50;
/** A coordinator pages through at most this many pages before starting over at the top. */
const WALK_PAGES = 25;

const started = process.hrtime.bigint();
const loadAtStart = loadavg()[0] ?? 0;
const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
const log = (msg: string) => console.error(`[${elapsed().toFixed(1)}s] ${msg}`);

function must<T>(v: T | undefined | null, what: string): T {
  if (v === undefined || v === null) throw new Error(`missing ${what}`);
  return v;
}

interface World {
  input: (k: number) => CreateInput;
  doctor: Actor;
  coordinator: Actor;
}

/** Ids the scenarios need, read as the owner: H1 心内科, C1's patients, the two demo users. */
async function world(ownerUrl: string): Promise<World> {
  const db = new pg.Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    const dept = await db.query<{ inst: string; dept: string }>(
      `SELECT i.id AS inst, d.id AS dept FROM departments d JOIN institutions i ON i.id = d.institution_id
       WHERE i.code = 'H1' AND d.code = 'CARD'`,
    );
    const patients = await db.query<{ id: string }>(
      `SELECT p.id FROM patients p JOIN institutions i ON i.id = p.institution_id
       WHERE i.code = 'C1' ORDER BY p.id LIMIT 500`,
    );
    const users = await db.query<Omit<Actor, 'ip' | 'userAgent'> & { roles: Role[] }>(
      `SELECT id AS "userId", username, display_name AS "displayName", consortium_id AS "consortiumId",
              institution_id AS "institutionId", department_id AS "departmentId", roles
       FROM users WHERE username IN ('doctor.c1', 'coordinator.h1')`,
    );
    const to = must(dept.rows[0], 'H1/CARD');
    const ids = patients.rows.map((p) => p.id);
    const actor = (name: string): Actor => ({
      ...must(
        users.rows.find((u) => u.username === name),
        name,
      ),
      ip: '127.0.0.1',
      userAgent: 'bench-raw',
    });
    return {
      input: (k) => ({
        patientId: must(ids[k % ids.length], 'patient'),
        toInstitutionId: to.inst,
        toDepartmentId: to.dept,
      }),
      doctor: actor('doctor.c1'),
      coordinator: actor('coordinator.h1'),
    };
  } finally {
    await db.end();
  }
}

/** Warm-up (not recorded), then the measured run, counting the SQL statements it sent. */
async function timed(op: Op, warmup: number, ops: number, statements: () => Promise<number>) {
  await measure(warmup, CONCURRENCY, op);
  const before = await statements();
  const stats = await measure(ops, CONCURRENCY, op);
  return { stats, statements: ((await statements()) - before) / ops };
}

/** One cursor walk per worker: page after page, back to the top after WALK_PAGES or the end. */
function walker<C>(page: (cursor: C | null) => Promise<C | null>): Op {
  const state = Array.from({ length: CONCURRENCY }, () => ({ cursor: null as C | null, pages: 0 }));
  return async (w) => {
    const s = must(state[w], 'walker state');
    const next = await page(s.cursor);
    s.pages++;
    if (next === null || s.pages >= WALK_PAGES) [s.cursor, s.pages] = [null, 0];
    else s.cursor = next;
  };
}

async function scenarios(app: AppProcess, w: World): Promise<{ rows: Row[]; explain: string }> {
  const api = new Api(app.baseUrl);
  const doctorToken = await api.login('doctor.c1', DEMO_PASSWORD);
  const coordToken = await api.login('coordinator.h1', DEMO_PASSWORD);
  // The same pool settings as the app's (src/db/pool.ts), as the same role.
  const pool = createPool(app.appUrl);
  const rawStatements = countStatements(pool);
  const rawCount = () => Promise.resolve(rawStatements());
  const rows: Row[] = [];
  const pair = async (scenario: string, ours: Op, raw: Op, warmup: number, ops: number) => {
    log(`${scenario}: ours`);
    const o = await timed(ours, warmup, ops, app.statements);
    log(`${scenario}: raw pg`);
    const r = await timed(raw, warmup, ops, rawCount);
    rows.push({
      scenario,
      ours: o.stats,
      raw: r.stats,
      oursStatements: o.statements,
      rawStatements: r.statements,
    });
  };
  try {
    // (a) creates the submitted referrals that (b) then accepts, each path its own.
    const oursMade: Created[] = [];
    const rawMade: Created[] = [];
    let k = 0;
    await pair(
      'create + submit (POST /api/referrals)',
      async () => void oursMade.push(await httpCreate(api, doctorToken, w.input(k++))),
      async () => void rawMade.push(await rawCreate(pool, w.doctor, w.input(k++))),
      WRITE_WARMUP,
      WRITE_OPS,
    );
    let oa = 0;
    let ra = 0;
    await pair(
      'accept (POST …/actions/accept)',
      () => httpAccept(api, coordToken, must(oursMade[oa++], 'submitted referral')),
      () => rawAccept(pool, w.coordinator, must(rawMade[ra++], 'submitted referral')),
      WRITE_WARMUP,
      WRITE_OPS,
    );
    for (const status of ['submitted', null]) {
      await pair(
        `incoming worklist${status ? `, status=${status}` : ', all statuses'} (cursor walk ≤${WALK_PAGES} pages)`,
        walker<string>((c) => httpListPage(api, coordToken, status, c)),
        walker<RawCursor>((c) => rawListPage(pool, w.coordinator, status, c)),
        LIST_WARMUP,
        LIST_OPS,
      );
    }
    return { rows, explain: await explainWorklist(pool, w.coordinator) };
  } finally {
    await pool.end();
  }
}

/** EXPLAIN ANALYZE of the worklist statements as coordinator.h1 would run them. */
async function explainWorklist(pool: pg.Pool, a: Actor): Promise<string> {
  const inst = must(a.institutionId, 'institution');
  let deep: RawCursor | null = null;
  for (let i = 0; i < 3; i++) deep = await rawListPage(pool, a, null, deep);
  const cases: [string, { text: string; values: unknown[] }][] = [
    ['worklist, page 1', worklistQuery(inst, null, null)],
    ['worklist, page 4 (cursor)', worklistQuery(inst, null, deep)],
    ['worklist, status=submitted, page 1', worklistQuery(inst, 'submitted', null)],
    ['tab counts', countsQuery(inst)],
  ];
  const out: string[] = [];
  await withActor(pool, a, async (db) => {
    for (const [title, q] of cases) {
      const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values);
      out.push(`### ${title}\n\n\`\`\`\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}\n\`\`\``);
    }
  });
  return out.join('\n\n');
}

let bench: BenchCluster | undefined;
let app: AppProcess | undefined;
// Ctrl-C: stop our PostgreSQL and delete its folder (both synchronous) before leaving.
process.once('SIGINT', () => {
  bench?.remove();
  process.exit(130);
});
try {
  log('starting PostgreSQL (fsync on) and the template database');
  bench = await startBenchCluster();
  app = await startApp(bench.env);
  log(`app listening on ${app.baseUrl}; loading ${REFERRALS} referrals`);
  const loaded: LoadResult = await loadReferrals(app.ownerUrl, REFERRALS);
  log(`loaded ${loaded.referrals} referrals, ${loaded.patients} patients in ${loaded.seconds.toFixed(1)}s`);
  const { rows, explain } = await scenarios(app, await world(app.ownerUrl));
  const info = await machineInfo(app.ownerUrl);
  await app.close();
  bench.remove();
  const table = resultsTable(rows, CONCURRENCY);
  const total = elapsed();
  const report = reportMarkdown({
    table,
    totalSeconds: total,
    info,
    loadAtStart,
    loaded,
    notes: [
      `${CONCURRENCY} operations in flight; warm-up operations (${WRITE_WARMUP} per write scenario, ${LIST_WARMUP} pages per worklist) are not recorded. Latency percentiles are nearest-rank.`,
      'Accept works on the referrals that create + submit made (each path its own): one distinct referral per operation, at version 1.',
    ],
  });
  console.log(`\n${table}\n`);
  console.log(`## Worklist query plans (coordinator.h1, after the run)\n\n${explain}\n`);
  await writeReport(new URL('./results.md', import.meta.url), report);
  log(`done in ${total.toFixed(0)} s; wrote bench/results.md`);
} catch (err) {
  process.exitCode = 1;
  console.error(err);
} finally {
  await app?.close().catch(() => undefined);
  bench?.remove();
}
