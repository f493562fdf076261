// The benchmark's own world: a throwaway PostgreSQL cluster in a temp folder, the template
// database the test harness copies, and the app in a child process on a loopback port.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { randomSecrets, startCluster, type Cluster } from '@tiered-care/testkit';
import { prepareTemplate } from '@tiered-care/testkit/harness';
import type { StatementCount } from './count';
import type { FromServer, ToServer } from './server';

export interface BenchCluster {
  cluster: Cluster;
  root: string;
  /** Stops PostgreSQL and deletes the folder; safe to call twice. */
  remove: () => void;
  /** For the child: with these set, the harness reuses this cluster instead of making its own. */
  env: Record<string, string>;
}

export async function startBenchCluster(): Promise<BenchCluster> {
  // Durable commits, as in production: every commit waits for its WAL flush.
  process.env.PG_FSYNC = 'on';
  const root = mkdtempSync(`${tmpdir()}/referral-bench-`);
  const port = 58000 + Math.floor(Math.random() * 2000);
  let cluster: Cluster | undefined;
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    cluster?.stop();
    rmSync(root, { recursive: true, force: true });
  };
  try {
    cluster = startCluster(root, port);
    const secrets = randomSecrets();
    await prepareTemplate(cluster, secrets);
    const env = {
      TEST_PG_ROOT: root,
      TEST_PG_PORT: String(port),
      TEST_AUTH_SECRET: secrets.AUTH_SECRET,
      TEST_DATA_KEY: secrets.DATA_KEY,
      TEST_LOG_LEVEL: 'silent',
    };
    return { cluster, root, remove, env };
  } catch (err) {
    remove();
    throw err;
  }
}

export interface AppProcess {
  baseUrl: string;
  ownerUrl: string;
  appUrl: string;
  /** SQL statements the app's pool has sent so far. */
  statements: () => Promise<StatementCount>;
  /** Drops the app's database and waits for the process to exit. */
  close: () => Promise<void>;
}

function next<T extends FromServer['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<FromServer, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromServer) => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m as Extract<FromServer, { type: T }>);
    };
    const onExit = (code: number | null) => {
      child.off('message', onMessage);
      reject(new Error(`the app process exited (${String(code)}) before sending "${type}"`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export async function startApp(env: Record<string, string>): Promise<AppProcess> {
  // fork() reuses this process's execArgv (--import tsx), so the child runs TypeScript too.
  const child = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const send = (m: ToServer) => child.send(m);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await next(child, 'ready');
  return {
    baseUrl: ready.baseUrl,
    ownerUrl: ready.ownerUrl,
    appUrl: ready.appUrl,
    statements: async () => {
      const reply = next(child, 'count');
      send({ type: 'count' });
      return (await reply).statements;
    },
    close: async () => {
      if (child.exitCode === null && child.connected) send({ type: 'close' });
      const timeout = setTimeout(() => child.kill(), 30_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  /** 1-minute load average when the measurements ended. */
  load: number;
  node: string;
  postgres: string;
  settings: Record<string, string>;
  rows: Record<string, number>;
}

export async function machineInfo(ownerUrl: string): Promise<MachineInfo> {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
  const db = new pg.Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    const version = await db.query<{ v: string }>('SELECT version() AS v');
    const settings: Record<string, string> = {};
    for (const name of ['fsync', 'synchronous_commit', 'wal_sync_method', 'shared_buffers', 'work_mem']) {
      const r = await db.query<{ setting: string }>('SELECT current_setting($1) AS setting', [name]);
      settings[name] = r.rows[0]?.setting ?? '?';
    }
    const rows: Record<string, number> = {};
    for (const table of ['referrals', 'referral_events', 'patients', 'audit_log']) {
      const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      rows[table] = r.rows[0]?.n ?? 0;
    }
    return {
      cpu,
      cores: cpus().length,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      load: loadavg()[0] ?? 0,
      node: process.version,
      postgres: version.rows[0]?.v ?? '?',
      settings,
      rows,
    };
  } finally {
    await db.end();
  }
}
