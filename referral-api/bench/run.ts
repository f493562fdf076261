// `npm run bench -w referral-api`: the API ("ours", HTTP over loopback) against the same domain
// functions called without HTTP ("raw", bench/direct.ts: the same SQL statements, counted), on
// 100 000 referrals in a throwaway cluster with fsync on, the two paths in alternating batches.
// BENCH_QUICK=1: fewer operations, the same scenarios and tables (a few minutes).
// Prints a markdown table and writes it, with the machine it ran on, to bench/results.md.
import { loadavg } from 'node:os';
import type { Role } from '@tiered-care/common';
import pg from 'pg';
import { createPool, DataCrypto, withActor, type Actor } from '@tiered-care/platform';
import { DEMO_PASSWORD } from '../src/demo/data';
import { countStatements } from './count';
import { rawAccept, rawCreate, rawListPage, worklistSql } from './direct';
import { machineInfo, startApp, startBenchCluster, type AppProcess, type BenchCluster } from './env';
import { Api, httpAccept, httpCreate, httpListPage, type Created, type CreateInput } from './http';
import { loadReferrals, type LoadResult } from './load';
import { interleaved, resultsTable, statementCell, type Op, type Path, type Row } from './measure';
import { notificationThroughput, notifyTable, type NotifyResult } from './notify';
import { reportMarkdown, writeReport } from './report';

const QUICK = process.env.BENCH_QUICK === '1';
const REFERRALS = 100_000;
const CONCURRENCY = 8;
const WRITE_OPS = QUICK ? 400 : 2000;
const WRITE_WARMUP = QUICK ? 40 : 100;
const SEARCH_OPS = QUICK ? 300 : 1000;
const LIST_OPS = QUICK ? 100 : 1000;
const LIST_WARMUP = QUICK ? 16 : 50;
/** Operations per batch before the other path takes its turn. */
const BATCH = QUICK ? 50 : 100;
/** A coordinator pages through at most this many pages before starting over at the top. */
const WALK_PAGES = 25;
/** A search is followed through at most this many pages (the keyset cursor) before the next term. */
const SEARCH_PAGES = 2;
/** Notifications: this long per mode, this many writing connections. */
const NOTIFY_SECONDS = QUICK ? 5 : 15;
const NOTIFY_WRITERS = 16;
const NOTIFY_BACKLOG = QUICK ? 10_000 : 30_000;

const started = process.hrtime.bigint();
const loadAtStart = loadavg()[0] ?? 0;
const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
const log = (msg: string) =>
  console.error(`[${elapsed().toFixed(1)}s] ${msg} (load ${(loadavg()[0] ?? 0).toFixed(2)})`);

function must<T>(v: T | undefined | null, what: string): T {
  if (v === undefined || v === null) throw new Error(`missing ${what}`);
  return v;
}

interface World {
  input: (k: number) => CreateInput;
  doctor: Actor;
  coordinator: Actor;
  /** What coordinators type into the worklist's search box: names, numbers, diagnoses. */
  terms: string[];
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
    // Referral numbers H1 received, spread over the year: searched whole and by a day's prefix.
    const numbers = await db.query<{ no: string }>(
      `SELECT r.referral_no AS no FROM referrals r JOIN institutions i ON i.id = r.to_institution_id
       WHERE i.code = 'H1' ORDER BY r.id LIMIT 4`,
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
    const nos = numbers.rows.map((r) => r.no);
    return {
      input: (k) => ({
        patientId: must(ids[k % ids.length], 'patient'),
        toInstitutionId: to.inst,
        toDepartmentId: to.dept,
      }),
      doctor: actor('doctor.c1'),
      coordinator: actor('coordinator.h1'),
      // Whole names (three characters), two characters of a name (no trigram), a referral number
      // whole and by its date prefix, diagnosis text and code.
      terms: [
        '王秀英',
        '张建',
        '李德明',
        '秀英',
        ...nos.slice(0, 2),
        ...nos.slice(2).map((n) => n.slice(0, 10)),
        '心绞痛',
        '糖尿病',
        'I20',
      ],
    };
  } finally {
    await db.end();
  }
}

/** One cursor walk per worker: page after page, back to the top after `pages` or the end. */
function walker(pages: number, params: (w: number, round: number) => Record<string, string | null>) {
  return (page: (params: Record<string, string | null>) => Promise<string | null>): Op => {
    const state: { cursor: string | null; pages: number; round: number }[] = [];
    return async (w) => {
      const s = (state[w] ??= { cursor: null, pages: 0, round: w });
      const next = await page({ ...params(w, s.round), cursor: s.cursor });
      s.pages++;
      if (next === null || s.pages >= pages) [s.cursor, s.pages, s.round] = [null, 0, s.round + 1];
      else s.cursor = next;
    };
  };
}

async function scenarios(
  app: AppProcess,
  w: World,
  crypto: DataCrypto,
): Promise<{ rows: Row[]; notifications: NotifyResult[]; explain: string }> {
  const api = new Api(app.baseUrl);
  const doctorToken = await api.login('doctor.c1', DEMO_PASSWORD);
  const coordToken = await api.login('coordinator.h1', DEMO_PASSWORD);
  // The app's pool settings (createServices), as the same role.
  const pool = createPool(app.appUrl, 10, { careAccessDays: 90 });
  const rawCount = countStatements(pool);
  const rows: Row[] = [];
  const pair = async (scenario: string, ours: Op, raw: Op, ops: number, warmup: number) => {
    log(`${scenario}: ${ops} operations per path, alternating batches of ${BATCH}`);
    const oursPath: Path = { op: ours, statements: app.statements };
    const rawPath: Path = { op: raw, statements: () => Promise.resolve(rawCount()) };
    const r = await interleaved(oursPath, rawPath, { ops, warmup, batch: BATCH, concurrency: CONCURRENCY });
    const cell = statementCell(r);
    log(
      `${scenario}: SQL statements per operation, ours / raw: ${cell} (+${r.oursOutside.toFixed(2)} outside transactions, ours)`,
    );
    // The same work on both paths is the point of the comparison: unequal counts void it.
    if (r.oursStatements !== r.rawStatements) {
      throw new Error(
        `${scenario}: the paths sent different numbers of SQL statements (${cell}); fix bench/direct.ts`,
      );
    }
    rows.push({ scenario, ...r });
  };
  try {
    // (a) creates the submitted referrals that (b) then accepts, each path its own.
    const oursMade: Created[] = [];
    const rawMade: Created[] = [];
    let k = 0;
    await pair(
      'create + submit',
      async () => void oursMade.push(await httpCreate(api, doctorToken, w.input(k++))),
      async () => void rawMade.push(await rawCreate(pool, crypto, w.doctor, w.input(k++))),
      WRITE_OPS,
      WRITE_WARMUP,
    );
    let oa = 0;
    let ra = 0;
    await pair(
      'accept',
      () => httpAccept(api, coordToken, must(oursMade[oa++], 'submitted referral')),
      () => rawAccept(pool, crypto, w.coordinator, must(rawMade[ra++], 'submitted referral')),
      WRITE_OPS,
      WRITE_WARMUP,
    );
    const search = walker(SEARCH_PAGES, (_w, round) => ({
      q: must(w.terms[round % w.terms.length], 'term'),
    }));
    await pair(
      'q search',
      search((p) => httpListPage(api, coordToken, p)),
      search((p) => rawListPage(pool, w.coordinator, p)),
      SEARCH_OPS,
      LIST_WARMUP,
    );
    for (const status of ['submitted', null]) {
      const walk = walker(WALK_PAGES, () => ({ status }));
      await pair(
        `incoming worklist${status ? `, status=${status}` : ', all statuses'} (cursor walk ≤${WALK_PAGES} pages)`,
        walk((p) => httpListPage(api, coordToken, p)),
        walk((p) => rawListPage(pool, w.coordinator, p)),
        LIST_OPS,
        LIST_WARMUP,
      );
    }
    const notifications: NotifyResult[] = [];
    for (const mode of [
      'outbox relay',
      'pg_notify in the transaction',
      'outbox relay, backlog after a restart',
    ] as const) {
      log(`notifications, ${mode}: ${NOTIFY_WRITERS} writers for ${NOTIFY_SECONDS} s`);
      const n = await notificationThroughput(app.appUrl, w.doctor, mode, {
        seconds: NOTIFY_SECONDS,
        writers: NOTIFY_WRITERS,
        backlog: NOTIFY_BACKLOG,
      });
      log(
        `notifications, ${mode}: ${n.perSec.toFixed(0)}/s delivered, ${n.lost} lost, ${n.duplicates} twice`,
      );
      if (n.lost > 0 || n.duplicates > 0)
        throw new Error(`notifications, ${mode}: ${n.lost} lost, ${n.duplicates} twice`);
      notifications.push(n);
    }
    return { rows, notifications, explain: await explain(pool, w) };
  } finally {
    await pool.end();
  }
}

/** EXPLAIN ANALYZE of the worklist and search statements as coordinator.h1 would run them. */
async function explain(pool: pg.Pool, w: World): Promise<string> {
  const a = w.coordinator;
  const cases: [string, Record<string, string | null>][] = [
    ['worklist, page 1', {}],
    ['worklist, status=submitted, page 1', { status: 'submitted' }],
    ...w.terms.slice(0, 5).map((q): [string, Record<string, string | null>] => [`search "${q}"`, { q }]),
  ];
  const out: string[] = [];
  await withActor(pool, a, async (db) => {
    for (const [title, params] of cases) {
      const [page] = worklistSql(a, params);
      const q = must(page, 'page query');
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
  log(`starting PostgreSQL (fsync on) and the template database${QUICK ? ' (BENCH_QUICK)' : ''}`);
  bench = await startBenchCluster();
  app = await startApp(bench.env);
  log(`app listening on ${app.baseUrl}; loading ${REFERRALS} referrals`);
  const loaded: LoadResult = await loadReferrals(app.ownerUrl, REFERRALS);
  log(`loaded ${loaded.referrals} referrals, ${loaded.patients} patients in ${loaded.seconds.toFixed(1)}s`);
  const crypto = new DataCrypto(must(bench.env.TEST_DATA_KEY, 'TEST_DATA_KEY'));
  const w = await world(app.ownerUrl);
  const { rows, notifications, explain: plans } = await scenarios(app, w, crypto);
  const info = await machineInfo(app.ownerUrl);
  await app.close();
  bench.remove();
  const table = `${resultsTable(rows, CONCURRENCY)}\n\n${notifyTable(notifications)}`;
  const total = elapsed();
  const report = reportMarkdown({
    table,
    totalSeconds: total,
    info,
    loadAtStart,
    loaded,
    quick: QUICK,
    notes: [
      `${CONCURRENCY} operations in flight; ours and raw alternate in batches of ${BATCH} operations; warm-up operations (${WRITE_WARMUP} per write scenario, ${LIST_WARMUP} per read scenario and path) are not recorded. Latency percentiles are nearest-rank.`,
      `Notifications: ${NOTIFY_WRITERS} connections commit one live event per transaction for ${NOTIFY_SECONDS} s (BEGIN with the request context, the outbox row, COMMIT with its wake-up); one outbox relay (platform's listen(), as signaling runs it) delivers them; delivered/s counts from the first write to the last delivery, and the run stops if any event is lost or delivered twice. "pg_notify in the transaction" is migration 018's live_event, for comparison. "backlog after a restart": ${NOTIFY_BACKLOG} events committed while the named relay was stopped, timed from its restart to the last delivery: what the relay delivers when the writers are not the limit.`,
      'Accept works on the referrals that create + submit made (each path its own): one distinct referral per operation, at version 1.',
      `q search: coordinator.h1's incoming worklist searched for ${w.terms.map((t) => `\`${t}\``).join(', ')} (whole names, two characters of a name, referral numbers whole and by date prefix, diagnosis text and code), each followed up to ${SEARCH_PAGES} pages by its cursor.`,
    ],
  });
  console.log(`\n${table}\n`);
  console.log(`## Query plans (coordinator.h1, after the run)\n\n${plans}\n`);
  await writeReport(new URL('./results.md', import.meta.url), report);
  log(`done in ${total.toFixed(0)} s; wrote bench/results.md`);
} catch (err) {
  process.exitCode = 1;
  console.error(err);
} finally {
  await app?.close().catch(() => undefined);
  bench?.remove();
}
