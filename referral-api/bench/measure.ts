// A closed-loop load runner: a fixed number of operations, a fixed number in flight, each
// operation's wall time taken with process.hrtime.bigint. Nothing here asserts on timings.

export interface Stats {
  ops: number;
  seconds: number;
  opsPerSec: number;
  p50: number;
  p99: number;
}

/** One operation; `worker` lets stateful scenarios (cursor walks) keep state per worker. */
export type Op = (worker: number) => Promise<void>;

export async function measure(ops: number, concurrency: number, op: Op): Promise<Stats> {
  const latencies = new Float64Array(ops);
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
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = latencies.sort();
  // Nearest-rank percentile: an observed latency, never an interpolation between two.
  const pct = (q: number) => sorted[Math.max(0, Math.ceil(q * ops) - 1)] ?? Number.NaN;
  return { ops, seconds, opsPerSec: ops / seconds, p50: pct(0.5), p99: pct(0.99) };
}

export interface Row {
  scenario: string;
  ours: Stats;
  raw: Stats;
  /** SQL statements per operation, BEGIN/set_config/COMMIT included. */
  oursStatements: number;
  rawStatements: number;
}

const f = (n: number, digits: number) => n.toFixed(digits);
const ratio = (n: number) => `${n.toFixed(2)}×`;

export function resultsTable(rows: Row[], concurrency: number): string {
  const lines = [
    `| Scenario (${concurrency} in flight) | ops | ours ops/s | raw pg ops/s | raw/ours | ours p50 ms | raw p50 ms | ours/raw p50 | ours p99 ms | raw p99 ms | ours/raw p99 | SQL stmts/op ours / raw |`,
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.scenario} | ${r.ours.ops} | ${f(r.ours.opsPerSec, 0)} | ${f(r.raw.opsPerSec, 0)} | ${ratio(
        r.raw.opsPerSec / r.ours.opsPerSec,
      )} | ${f(r.ours.p50, 2)} | ${f(r.raw.p50, 2)} | ${ratio(r.ours.p50 / r.raw.p50)} | ${f(r.ours.p99, 2)} | ${f(
        r.raw.p99,
        2,
      )} | ${ratio(r.ours.p99 / r.raw.p99)} | ${f(r.oursStatements, 1)} / ${f(r.rawStatements, 1)} |`,
    );
  }
  return lines.join('\n');
}
