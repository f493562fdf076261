// `npm run bench -w referral-api` (second part; alone: `npm run bench:diagnosis -w referral-api`):
// the reading worklist of H1 心内科 holding 50 000 ECG requests, as specialist.h1 pages it, over
// HTTP ("ours") and through the same domain function without HTTP ("raw"), alternating batches,
// 1 and 8 requests in flight. Issue 14's goal: a page at p95 < 30 ms. Writes bench/diagnosis-results.md.
import { cpus, loadavg } from 'node:os';
import { DiagnosisListQuery } from '@tiered-care/common';
import { createPool, withActor, type Actor } from '@tiered-care/platform';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/demo/data';
import { listDiagnosisRequests } from '../src/diagnosis/list';
import { countsQuery, segmentQuery, segmentsOf } from '../src/diagnosis/listQuery';
import { countStatements } from './count';
import { loadDiagnosisRequests } from './diagnosisLoad';
import { startApp, startBenchCluster, type AppProcess, type BenchCluster } from './env';
import { Api } from './http';
import { interleaved, resultsTable, type Op, type Row } from './measure';
import { writeReport } from './report';

const QUICK = process.env.BENCH_QUICK === '1';
const REQUESTS = 50_000;
const OPS = QUICK ? 200 : 1000;
const WARMUP = QUICK ? 20 : 50;
const BATCH = QUICK ? 50 : 100;
const WALK_PAGES = 25;

const started = Date.now();
const loads: number[] = [loadavg()[0] ?? 0];
const log = (msg: string) => {
  loads.push(loadavg()[0] ?? 0);
  console.error(
    `[${((Date.now() - started) / 1000).toFixed(1)}s] ${msg} (load ${(loadavg()[0] ?? 0).toFixed(2)})`,
  );
};

async function reader(ownerUrl: string): Promise<Actor> {
  const db = new pg.Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    const { rows } = await db.query<Omit<Actor, 'ip' | 'userAgent'>>(
      `SELECT id AS "userId", username, display_name AS "displayName", consortium_id AS "consortiumId",
         institution_id AS "institutionId", department_id AS "departmentId", roles
       FROM users WHERE username = 'specialist.h1'`,
    );
    const row = rows[0];
    if (!row) throw new Error('specialist.h1 missing');
    return { ...row, ip: '127.0.0.1', userAgent: 'bench-raw' };
  } finally {
    await db.end();
  }
}

/** One page per operation; a worker walks on by the cursor up to WALK_PAGES pages, then starts over. */
function walk(
  page: (params: Record<string, string>) => Promise<string | null>,
  params: Record<string, string>,
): Op {
  const cursors: (string | null)[] = [];
  const pages: number[] = [];
  return async (w) => {
    const next = await page(cursors[w] ? { ...params, cursor: cursors[w] } : params);
    pages[w] = (pages[w] ?? 0) + 1;
    if (next === null || (pages[w] ?? 0) >= WALK_PAGES) [cursors[w], pages[w]] = [null, 0];
    else cursors[w] = next;
  };
}

async function scenarios(app: AppProcess, actor: Actor): Promise<{ rows: Row[]; plans: string }> {
  const api = new Api(app.baseUrl);
  const token = await api.login('specialist.h1', DEMO_PASSWORD);
  const pool = createPool(app.appUrl, 10, { careAccessDays: 90 });
  const rawCount = countStatements(pool);
  const http = async (params: Record<string, string>) => {
    const q = new URLSearchParams({ box: 'incoming', ...params });
    const body = (await api.call({
      method: 'GET',
      path: `/api/diagnosis-requests?${q.toString()}`,
      token,
      expect: 200,
    })) as {
      nextCursor: string | null;
    };
    return body.nextCursor;
  };
  const raw = (params: Record<string, string>) =>
    withActor(pool, actor, async (db) => {
      const page = await listDiagnosisRequests(
        db,
        actor,
        DiagnosisListQuery.parse({ box: 'incoming', ...params }),
      );
      return page.nextCursor;
    });
  const rows: Row[] = [];
  try {
    const cases: [string, Record<string, string>, boolean][] = [
      ['reading worklist, open work, page 1', { status: 'requested,claimed,reported' }, false],
      [`reading worklist, all statuses (cursor walk ≤${WALK_PAGES} pages)`, {}, true],
    ];
    for (const concurrency of [1, 8]) {
      for (const [name, params, walking] of cases) {
        const scenario = `${name}, ${concurrency} in flight`;
        log(`${scenario}: ${OPS} operations per path`);
        const ours: Op = walking
          ? walk(http, params)
          : async () => {
              await http(params);
            };
        const direct: Op = walking
          ? walk(raw, params)
          : async () => {
              await raw(params);
            };
        const r = await interleaved(
          { op: ours, statements: app.statements },
          { op: direct, statements: () => Promise.resolve(rawCount()) },
          { ops: OPS, warmup: WARMUP, batch: BATCH, concurrency },
        );
        log(`${scenario}: ours p95 ${r.ours.p95.toFixed(1)} ms, raw p95 ${r.raw.p95.toFixed(1)} ms`);
        rows.push({ scenario, ...r });
      }
    }
    const plans: string[] = [];
    await withActor(pool, actor, async (db) => {
      const q = DiagnosisListQuery.parse({ box: 'incoming', status: 'requested,claimed,reported' });
      const [open] = segmentsOf(q);
      if (!open) throw new Error('no open segment');
      const sql = segmentQuery(
        q,
        open,
        { userId: actor.userId, institutionId: actor.institutionId },
        new Date(),
        null,
        31,
      );
      const counts = countsQuery(q, { userId: actor.userId, institutionId: actor.institutionId }, new Date());
      for (const statement of [sql, counts]) {
        const plan = await db.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
          statement.values,
        );
        plans.push(plan.rows.map((p) => p['QUERY PLAN']).join('\n'));
      }
    });
    return { rows, plans: plans.join('\n\n') };
  } finally {
    await pool.end();
  }
}

let bench: BenchCluster | undefined;
let app: AppProcess | undefined;
process.once('SIGINT', () => {
  bench?.remove();
  process.exit(130);
});
try {
  log(`starting PostgreSQL (fsync on) and the template database${QUICK ? ' (BENCH_QUICK)' : ''}`);
  bench = await startBenchCluster();
  app = await startApp(bench.env);
  const seconds = await loadDiagnosisRequests(app.ownerUrl, REQUESTS);
  log(`loaded ${REQUESTS} diagnosis requests in ${seconds.toFixed(1)} s`);
  const { rows, plans } = await scenarios(app, await reader(app.ownerUrl));
  await app.close();
  bench.remove();
  const table = resultsTable(rows, 1).replace('(1 in flight)', '');
  const report = [
    '# referral-api benchmark: the reading worklist',
    '',
    `Written by \`${QUICK ? 'BENCH_QUICK=1 ' : ''}npm run bench -w referral-api\` (bench/diagnosis.ts) on ${new Date().toISOString()}.`,
    '',
    table,
    '',
    `- ${REQUESTS} ECG requests to H1 心内科 (about 2 % open, a fifth of those past due; the rest closed over a year), 3 000 patients; specialist.h1 reads. Issue 14's goal: a worklist page at p95 < 30 ms.`,
    `- Each operation is one page of 30 with its counts (per status and overdue) and its audit row. **ours**: the app over loopback HTTP; **raw**: listDiagnosisRequests in a withActor transaction, without HTTP. ${OPS} operations per path after ${WARMUP} warm-up, alternating batches of ${BATCH}; nearest-rank percentiles.`,
    `- Load average (1 min) during the run: ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} on ${cpus().length} cores shared with other work: absolute figures are noisy.`,
    '',
    '## Plans of the open-work page and its counts',
    '',
    '```',
    plans,
    '```',
    '',
  ].join('\n');
  console.log(`\n${table}\n`);
  await writeReport(new URL('./diagnosis-results.md', import.meta.url), report);
  log('wrote bench/diagnosis-results.md');
} catch (err) {
  process.exitCode = 1;
  console.error(err);
} finally {
  await app?.close().catch(() => undefined);
  bench?.remove();
}
