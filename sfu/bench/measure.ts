// Small measuring helpers: percentiles, CPU time of processes from /proc, machine-wide busy time.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';

/** Nearest-rank percentile: always an observed value, never an interpolation between two. */
export function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** utime + stime of a process (all its threads), in seconds; 0 once it has exited. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields from after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** A network namespace's identity: the inode of its nsfs file (/proc/<pid>/ns/net, /run/netns/<name>). */
export const netnsInode = (path = '/proc/self/ns/net'): number => statSync(path).ino;

/**
 * Chromium processes in the given network namespaces (default: ours). The machine is shared; only
 * the browsers this run started live in the namespaces it made (netns-run.sh's private one, and
 * the clinic's).
 */
export function chromiumPids(namespaces: readonly number[] = [netnsInode()]): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!namespaces.includes(netnsInode(`/proc/${entry}/ns/net`))) continue;
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('chrom')) pids.push(Number(entry));
    } catch {
      // Exited while we looked.
    }
  }
  return pids;
}

/** Busy and total CPU seconds of the whole machine (all cores), from /proc/stat. */
export function machineSeconds(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0); // idle + iowait
  return { busy: (total - idle) / CLK_TCK, total: total / CLK_TCK };
}

/** CPU use over a window: call the result when the window ends; figures in % of one core (200 = 2 cores). */
export function cpuWindow(janusPid: number, namespaces?: readonly number[]) {
  const started = performance.now();
  const chromium = new Map(chromiumPids(namespaces).map((pid) => [pid, cpuSeconds(pid)]));
  const janus = cpuSeconds(janusPid);
  const machine = machineSeconds();
  const node = process.cpuUsage();
  return () => {
    const seconds = (performance.now() - started) / 1000;
    let chromiumUsed = 0;
    // Processes that started during the window count from zero, those that exited are lost.
    for (const pid of chromiumPids(namespaces)) chromiumUsed += cpuSeconds(pid) - (chromium.get(pid) ?? 0);
    const m = machineSeconds();
    const nodeUsed = process.cpuUsage(node);
    const pct = (used: number) => (100 * used) / seconds;
    const use = {
      janus: pct(cpuSeconds(janusPid) - janus),
      chromium: pct(chromiumUsed),
      node: pct((nodeUsed.user + nodeUsed.system) / 1e6),
    };
    const cores = (m.total - machine.total) / seconds;
    const busy = pct(m.busy - machine.busy);
    return {
      seconds,
      ...use,
      /** Janus + Chromium + this process. */
      ours: use.janus + use.chromium + use.node,
      /** Everything else on the (shared) machine. */
      others: Math.max(0, busy - use.janus - use.chromium - use.node),
      /** 100 × cores: what "saturated" means. */
      capacity: 100 * Math.round(cores),
    };
  };
}
export type CpuUse = ReturnType<ReturnType<typeof cpuWindow>>;

export const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits);
