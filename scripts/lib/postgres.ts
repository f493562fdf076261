// A PostgreSQL cluster of our own under a data folder, reached over a Unix socket only (no TCP
// port, so nothing else on the machine or network can reach it). initdb refuses to run as root,
// so as root the cluster belongs to the `postgres` user created by the Debian package.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';

const BIN = '/usr/lib/postgresql/15/bin';

export interface Cluster {
  dataDir: string;
  socketDir: string;
  port: number;
  /** Restarts the server (fast shutdown) without blocking the event loop, as an operator would. */
  restart: () => Promise<void>;
  /** Superuser connection (trust over the socket). */
  adminUrl: (database?: string) => string;
  urlFor: (role: string, database: string) => string;
  stop: () => void;
}

function runAsPostgres(cmd: string, args: string[]): string {
  const asRoot = process.getuid?.() === 0;
  return execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function ownByPostgres(dir: string): void {
  if (process.getuid?.() !== 0) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(dir, uid, gid);
}

/** Creates (first time) and starts the cluster; a running one is reused. */
export function startCluster(root: string, port = 54329): Cluster {
  const base = resolve(root);
  const dataDir = `${base}/pgdata`;
  const socketDir = `${base}/pgsocket`;
  for (const d of [base, socketDir]) {
    mkdirSync(d, { recursive: true });
    ownByPostgres(d);
  }
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
  let running = true;
  try {
    runAsPostgres(`${BIN}/pg_ctl`, ['-D', dataDir, 'status']);
  } catch {
    running = false;
  }
  if (!running) {
    runAsPostgres(`${BIN}/pg_ctl`, [
      '-D',
      dataDir,
      '-l',
      `${base}/postgres.log`,
      '-w',
      '-t',
      '60',
      '-o',
      `-k ${socketDir} -p ${port} -c listen_addresses='' -c fsync=${process.env.PG_FSYNC ?? 'on'}`,
      'start',
    ]);
  }
  const urlFor = (role: string, database: string) =>
    `postgresql://${role}@/${database}?host=${encodeURIComponent(socketDir)}&port=${port}`;
  return {
    dataDir,
    socketDir,
    port,
    adminUrl: (database = 'postgres') => urlFor('postgres', database),
    urlFor,
    restart: async () => {
      // -l as at start: without it the new server would hold pg_ctl's output pipe open forever.
      const args = ['-D', dataDir, '-l', `${base}/postgres.log`, '-m', 'fast', '-w', '-t', '60', 'restart'];
      const asRoot = process.getuid?.() === 0;
      const cmd = `${BIN}/pg_ctl`;
      await promisify(execFile)(
        asRoot ? 'runuser' : cmd,
        asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args,
      );
    },
    stop: () => {
      try {
        runAsPostgres(`${BIN}/pg_ctl`, ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
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
