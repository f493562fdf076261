// bench/results.md: the results table with what it means and what it ran on.
import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import type { MachineInfo } from './env';
import type { LoadResult } from './load';

export interface Report {
  table: string;
  totalSeconds: number;
  /** Notes about this run's scenario settings (op counts, warm-up). */
  notes: string[];
  info: MachineInfo;
  loadAtStart: number;
  loaded: LoadResult;
  /** BENCH_QUICK=1: fewer operations. */
  quick: boolean;
}

const list = (o: Record<string, string | number>, sep: string) =>
  Object.entries(o)
    .map(([k, v]) => `${k}${sep}${String(v)}`)
    .join(', ');

export function reportMarkdown(r: Report): string {
  const { info, loaded } = r;
  return [
    '# referral-api benchmark',
    '',
    `Written by \`${r.quick ? 'BENCH_QUICK=1 ' : ''}npm run bench -w referral-api\` (bench/run.ts) on ${new Date().toISOString()}; total run time ${r.totalSeconds.toFixed(0)} s.`,
    '',
    r.table,
    '',
    `- **ours**: the real app (its own Node process) over loopback HTTP/1.1 keep-alive with Node's fetch; latency is wall time per request including reading and parsing the response.`,
    `- **raw**: the same domain functions the routes call (createReferral, performAction, listReferrals), in this process through \`pg\` as the app role, each in a transaction opened by withActor as a request's is: the same SQL statements in the same transaction shape (last column; the run stops when the two counts differ), without HTTP, express, the token check, zod and JSON. ours ÷ raw is the share of raw's throughput the HTTP layer keeps.`,
    ...r.notes.map((n) => `- ${n}`),
    `- Durability: fsync=${info.settings.fsync ?? '?'}, synchronous_commit=${info.settings.synchronous_commit ?? '?'}: every commit waits for its WAL flush, as in production.`,
    '',
    '## Machine and data',
    '',
    `- CPU: ${info.cpu}, ${info.cores} cores, ${info.memoryGb} GB RAM (client, app and PostgreSQL share them)`,
    `- Load average (1 min) at start ${r.loadAtStart.toFixed(2)}, at end ${info.load.toFixed(2)}: anything else running on the machine shows up in the figures`,
    `- Node ${info.node}`,
    `- ${info.postgres}`,
    `- Settings: ${list(info.settings, '=')}`,
    `- Loaded: ${loaded.referrals} referrals and ${loaded.patients} patients in ${loaded.seconds.toFixed(1)} s (set-based SQL, then VACUUM ANALYZE)`,
    `- Rows after the run: ${list(info.rows, ' ')}`,
    '',
  ].join('\n');
}

/** Written as prettier would format it, so `npm run format:check` stays clean after a run. */
export async function writeReport(file: URL, markdown: string): Promise<void> {
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(markdown, { ...options, parser: 'markdown' }));
}
