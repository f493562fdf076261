// `npm run bench -w web-client`: builds the client and checks it against the budgets a clinic
// on a shared 2 Mbit/s link needs. Needs `npm start` running for the first-load figure.
// The worklist with 100 000 referrals is the referral-api benchmark's job, not measured here.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureBundle } from './bundle';
import { measureFirstLoad, type FirstLoad } from './firstLoad';
import { formatted, kB, markdown, type Row } from './report';
import { serveDist, type StaticServer } from './serve';

const ROOT = new URL('../', import.meta.url).pathname;
const DIST = join(ROOT, 'dist');
const API = process.env.BENCH_API_URL ?? 'http://127.0.0.1:8080';
const USER = { name: 'coordinator.h1', password: 'Demo@2026' };
const BUDGET = { initialGzipBytes: 300_000, firstLoadMs: 3_000 };

async function apiUp(): Promise<boolean> {
  try {
    return (await fetch(`${API}/healthz`, { signal: AbortSignal.timeout(3_000) })).ok;
  } catch {
    return false;
  }
}

/** The API's own origin when it serves this very build at `/`; else a local server for dist/. */
async function appOrigin(notes: string[]): Promise<{ url: string; server: StaticServer | null }> {
  const ours = readFileSync(join(DIST, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="([^"]+)"/.exec(ours)?.[1];
  const served = await fetch(`${API}/worklist`).then(
    (r) => (r.ok ? r.text() : ''),
    () => '',
  );
  // BENCH_SERVE_DIST=1 forces the bench's own server (to compare, or to check the fallback).
  if (entry && served.includes(entry) && !process.env.BENCH_SERVE_DIST) return { url: API, server: null };
  notes.push(
    `dist/ served by the bench's own static server (gzip off, like the API), /api and /socket.io proxied to ${API}.`,
  );
  const server = await serveDist(DIST, API);
  return { url: server.url, server };
}

async function main(): Promise<number> {
  console.log('building the web client (vite build)…');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  const bundle = measureBundle(DIST);
  const notes: string[] = [];
  const rows: Row[] = [
    {
      figure: 'Initial JavaScript of the referral pages (gzip)',
      budget: `≤ ${kB(BUDGET.initialGzipBytes)}`,
      measured: kB(bundle.initialGzipBytes),
      pass: bundle.initialGzipBytes <= BUDGET.initialGzipBytes,
    },
  ];

  let load: FirstLoad | null = null;
  const firstLoad: Row = {
    figure: 'Worklist first load over 2 Mbit/s (cold)',
    budget: `< ${BUDGET.firstLoadMs} ms`,
    measured: '',
    pass: false,
  };
  if (!(await apiUp())) {
    firstLoad.measured = 'not measured: API not running (start it with `npm start`)';
  } else {
    const { url, server } = await appOrigin(notes);
    try {
      load = await measureFirstLoad(url, USER.name, USER.password);
      firstLoad.measured = `${load.medianMs} ms`;
      firstLoad.pass = load.medianMs < BUDGET.firstLoadMs;
    } catch (err) {
      firstLoad.measured = `not measured: ${(err as Error).message.split('\n')[0] ?? 'error'}`;
    } finally {
      await server?.close();
    }
  }
  // What the same load would take with compressed responses: information for the server side.
  let gzipLoad: FirstLoad | null = null;
  if (load) {
    const server = await serveDist(DIST, API, { gzip: true });
    try {
      gzipLoad = await measureFirstLoad(server.url, USER.name, USER.password);
    } finally {
      await server.close();
    }
  }
  rows.push(
    firstLoad,
    {
      figure: '(info) the same with gzip responses (bench server)',
      budget: `< ${BUDGET.firstLoadMs} ms`,
      measured: gzipLoad
        ? `${gzipLoad.medianMs} ms (${kB(gzipLoad.transferredBytes)} transferred)`
        : 'not measured',
      pass: null,
    },
    {
      figure: 'Worklist with 100 000 referrals',
      budget: 'see referral-api bench',
      measured: 'measured by `npm run bench -w referral-api`',
      pass: null,
    },
  );

  const md = await formatted(join(ROOT, 'bench', 'results.md'), markdown(rows, bundle, load, notes));
  writeFileSync(join(ROOT, 'bench', 'results.md'), md);
  console.log(`\n${md}`);
  return rows.every((r) => r.pass !== false) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
