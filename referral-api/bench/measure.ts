// A closed-loop load runner: a fixed number of operations, a fixed number in flight, each
// operation's wall time taken with process.hrtime.bigint. Nothing here asserts on timings.
//
// The two paths of a scenario run interleaved: a batch of ours, a batch of raw, and so on, so a
// burst of load from elsewhere on the machine (or autovacuum, or a checkpoint) lands on both
// paths alike instead of on whichever happened to run at that minute.
import type { StatementCount } from './count';

export interface Stats {
  ops: number;
  seconds: number;
  opsPerSec: number;
  p50: number;
  p95: number;
  p99: number;
}

/** One operation; `worker` lets stateful scenarios (cursor walks) keep state per worker. */
export type Op = (worker: number) => Promise<void>;

/** Runs `ops` operations with `concurrency` in flight; returns each latency (ms) and the wall time. */
async function run(
  ops: number,
  concurrency: number,
  op: Op,
): Promise<{ latencies: number[]; seconds: number }> {
  const latencies = new Array<number>(ops);
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async (w: number) => {
    // Workers pull the next index as they finish, so a slow op never idles the others.
    for (let i = next++; i < ops; i = next++) {
      const t0 = process.hrtime.bigint();
      await op(w);
      latencies[i] = Number(process.hrtime.bigint() - t0) / 1e6;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return { latencies, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function stats(latencies: number[], seconds: number): Stats {
  const sorted = Float64Array.from(latencies).sort();
  const ops = sorted.length;
  // Nearest-rank percentile: an observed latency, never an interpolation between two.
  const pct = (q: number) => sorted[Math.max(0, Math.ceil(q * ops) - 1)] ?? Number.NaN;
  return { ops, seconds, opsPerSec: ops / seconds, p50: pct(0.5), p95: pct(0.95), p99: pct(0.99) };
}

/** A path of a scenario: its operation and a reading of the SQL statements it has sent so far. */
export interface Path {
  op: Op;
  statements: () => Promise<StatementCount>;
}

export interface Paired {
  ours: Stats;
  raw: Stats;
  /** SQL statements per operation in its transaction, BEGIN/set_config/COMMIT included. */
  oursStatements: number;
  rawStatements: number;
  /** Statements per operation outside any transaction (ours: the token's session check). */
  oursOutside: number;
}

/**
 * Warm-up of both paths (not recorded), then `ops` operations per path in alternating batches of
 * `batch`. Statements are counted around each measured batch only.
 */
export async function interleaved(
  ours: Path,
  raw: Path,
  o: { ops: number; warmup: number; batch: number; concurrency: number },
): Promise<Paired> {
  await run(o.warmup, o.concurrency, ours.op);
  await run(o.warmup, o.concurrency, raw.op);
  const acc = {
    ours: { lat: [] as number[], s: 0, n: 0, out: 0 },
    raw: { lat: [] as number[], s: 0, n: 0, out: 0 },
  };
  for (let done = 0; done < o.ops; done += o.batch) {
    const n = Math.min(o.batch, o.ops - done);
    for (const [path, a] of [
      [ours, acc.ours],
      [raw, acc.raw],
    ] as const) {
      const before = await path.statements();
      const r = await run(n, o.concurrency, path.op);
      const after = await path.statements();
      a.n += after.inTx - before.inTx;
      a.out += after.outside - before.outside;
      a.lat.push(...r.latencies);
      a.s += r.seconds;
    }
  }
  return {
    ours: stats(acc.ours.lat, acc.ours.s),
    raw: stats(acc.raw.lat, acc.raw.s),
    oursStatements: acc.ours.n / o.ops,
    rawStatements: acc.raw.n / o.ops,
    oursOutside: acc.ours.out / o.ops,
  };
}

export interface Row extends Paired {
  scenario: string;
}

const f = (n: number, digits: number) => n.toFixed(digits);

/** Per-op statement counts as printed; the run refuses to report when the two differ. */
export const statementCell = (r: Paired) => `${f(r.oursStatements, 1)} / ${f(r.rawStatements, 1)}`;

export function resultsTable(rows: Row[], concurrency: number): string {
  const lines = [
    `| Scenario (${concurrency} in flight) | ops | ours ops/s | raw ops/s | ours ÷ raw | ours p50 / p95 / p99 ms | raw p50 / p95 / p99 ms | SQL stmts/op ours / raw |`,
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  const lat = (s: Stats) => `${f(s.p50, 1)} / ${f(s.p95, 1)} / ${f(s.p99, 1)}`;
  for (const r of rows) {
    lines.push(
      `| ${r.scenario} | ${r.ours.ops} | ${f(r.ours.opsPerSec, 0)} | ${f(r.raw.opsPerSec, 0)} | ${f(
        r.ours.opsPerSec / r.raw.opsPerSec,
        2,
      )} | ${lat(r.ours)} | ${lat(r.raw)} | ${statementCell(r)} |`,
    );
  }
  return lines.join('\n');
}
