// A PostgreSQL cluster of our own under a data folder, reached over a Unix socket only (no TCP
// port, so nothing else on the machine or network can reach it). initdb refuses to run as root,
// so as root the cluster belongs to the `postgres` user created by the Debian package.
//
// The postmaster runs as a child of the Node process that started it (not daemonized by
// pg_ctl), tied to it with PR_SET_PDEATHSIG: however Node dies (SIGKILL included), the kernel
// sends the postmaster SIGINT, PostgreSQL's *fast* shutdown: it ends the sessions, writes a
// checkpoint and exits cleanly, so the next start needs no crash recovery. (SIGTERM, the smart
// shutdown, would wait for every client to leave, forever if another process holds a
// connection; SIGQUIT, the immediate shutdown, skips the checkpoint and leaves recovery to the
// next start; SIGKILL would orphan the backends, which hold the shared memory and the data.)
//
// Trust authentication stays (the cluster is local and passwordless for the app), so the socket
// is what must be private: its folder is 0700 and owned by the cluster's owner, and the socket
// itself 0700. Root still connects, as file permissions do not bind it.
import { spawnTied } from '@tiered-care/common/process';
import { execFile, execFileSync, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';

export const PG_BIN = '/usr/lib/postgresql/15/bin';
const BIN = PG_BIN;

export interface Cluster {
  dataDir: string;
  socketDir: string;
  port: number;
  /** This process started the server (false: it was running already, e.g. under `npm start`). */
  startedHere: boolean;
  /**
   * Restarts the server (fast shutdown) without blocking the event loop, as an operator would.
   * Only the process that started the cluster can restart it (the new postmaster is its child).
   */
  restart: () => Promise<void>;
  /** Superuser connection (trust over the socket). */
  adminUrl: (database?: string) => string;
  urlFor: (role: string, database: string) => string;
  stop: () => void;
}

const asRoot = () => process.getuid?.() === 0;

function runAsPostgres(cmd: string, args: string[]): string {
  return execFileSync(asRoot() ? 'runuser' : cmd, asRoot() ? ['-u', 'postgres', '--', cmd, ...args] : args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function runAsPostgresAsync(cmd: string, args: string[]): Promise<unknown> {
  return promisify(execFile)(
    asRoot() ? 'runuser' : cmd,
    asRoot() ? ['-u', 'postgres', '--', cmd, ...args] : args,
  );
}

/** The `postgres` user's ids when running as root (the cluster's owner), else none (ourselves). */
function postgresIds(): { uid: number; gid: number } | null {
  if (!asRoot()) return null;
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  };
}

function ownByPostgres(dir: string): void {
  const ids = postgresIds();
  if (ids) chownSync(dir, ids.uid, ids.gid);
}

type PostmasterState = 'starting' | 'ready' | 'exited';

// postmaster.pid: line 1 the pid, line 8 the status pg_ctl itself waits for ("ready").
function stateOf(dataDir: string, pid: number): PostmasterState {
  try {
    if (/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'))) return 'exited';
  } catch {
    return 'exited';
  }
  try {
    const lines = readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n');
    return Number(lines[0]) === pid && lines[7]?.trim() === 'ready' ? 'ready' : 'starting';
  } catch {
    return 'starting';
  }
}

function logTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Creates (first time) and starts the cluster; a running one is reused. */
export function startCluster(root: string, port = 54329): Cluster {
  const base = resolve(root);
  const dataDir = `${base}/pgdata`;
  const socketDir = `${base}/pgsocket`;
  const logFile = `${base}/postgres.log`;
  for (const d of [base, socketDir]) {
    mkdirSync(d, { recursive: true });
    ownByPostgres(d);
  }
  chmodSync(socketDir, 0o700);
  if (!existsSync(`${dataDir}/PG_VERSION`)) {
    runAsPostgres(`${BIN}/initdb`, [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
    ]);
  }

  let postmaster: ChildProcess | null = null;
  const spawnPostmaster = (): number => {
    const log = openSync(logFile, 'a');
    const ids = postgresIds();
    const child = spawnTied(
      `${BIN}/postgres`,
      [
        ...['-D', dataDir, '-k', socketDir, '-p', String(port)],
        ...['-c', 'listen_addresses=', '-c', 'unix_socket_permissions=0700'],
        ...['-c', `fsync=${process.env.PG_FSYNC ?? 'on'}`],
      ],
      { stdio: ['ignore', log, log], ...(ids ?? {}) },
      'SIGINT',
    );
    closeSync(log);
    // The cluster must not keep a finished test file or script alive; the tie does the cleanup.
    child.unref();
    postmaster = child;
    if (!child.pid) throw new Error(`PostgreSQL did not start:\n${logTail(logFile)}`);
    return child.pid;
  };
  const failed = () => new Error(`PostgreSQL did not start on ${socketDir}:\n${logTail(logFile)}`);

  let running = true;
  try {
    runAsPostgres(`${BIN}/pg_ctl`, ['-D', dataDir, 'status']);
  } catch {
    running = false;
  }
  if (!running) {
    const pid = spawnPostmaster();
    const until = Date.now() + 60_000;
    for (let s = stateOf(dataDir, pid); s !== 'ready'; s = stateOf(dataDir, pid)) {
      if (s === 'exited' || Date.now() > until) throw failed();
      sleepSync(50);
    }
  }
  const urlFor = (role: string, database: string) =>
    `postgresql://${role}@/${database}?host=${encodeURIComponent(socketDir)}&port=${port}`;
  const stopArgs = ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop'];
  return {
    dataDir,
    socketDir,
    port,
    startedHere: !running,
    adminUrl: (database = 'postgres') => urlFor('postgres', database),
    urlFor,
    restart: async () => {
      if (!postmaster) throw new Error('only the process that started the cluster can restart it');
      await runAsPostgresAsync(`${BIN}/pg_ctl`, stopArgs);
      const pid = spawnPostmaster();
      const until = Date.now() + 60_000;
      for (let s = stateOf(dataDir, pid); s !== 'ready'; s = stateOf(dataDir, pid)) {
        if (s === 'exited' || Date.now() > until) throw failed();
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () => {
      try {
        runAsPostgres(`${BIN}/pg_ctl`, stopArgs);
      } catch {
        // already stopped
      }
    },
  };
}

/**
 * The two roles the app needs: the owner (migrations, demo data) and referral_app, the role
 * the app connects as, which owns nothing and cannot bypass row-level security.
 */
export async function ensureDatabase(
  cluster: Cluster,
  database: string,
): Promise<{ ownerUrl: string; appUrl: string }> {
  const admin = new pg.Client({ connectionString: cluster.adminUrl() });
  await admin.connect();
  try {
    await admin.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'referral_owner') THEN
        CREATE ROLE referral_owner LOGIN NOSUPERUSER NOBYPASSRLS; END IF;
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'referral_app') THEN
        CREATE ROLE referral_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE; END IF;
    END $$`);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!exists.rowCount) {
      await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)} OWNER referral_owner`);
      // PostgreSQL 15 no longer lets every role create in schema public.
      const db = new pg.Client({ connectionString: cluster.adminUrl(database) });
      await db.connect();
      await db.query('ALTER SCHEMA public OWNER TO referral_owner');
      await db.end();
    }
  } finally {
    await admin.end();
  }
  return {
    ownerUrl: cluster.urlFor('referral_owner', database),
    appUrl: cluster.urlFor('referral_app', database),
  };
}
