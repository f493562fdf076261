// The dev cluster trusts local connections on its socket, so the socket must be reachable by
// nobody but the cluster's owner (and root, which bypasses file permissions): another local
// user must not become the database superuser by connecting to it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import { startCluster } from '@tiered-care/testkit';

const root = mkdtempSync(join(tmpdir(), 'cluster-socket-'));
const cluster = startCluster(root, 20_000 + Math.floor(Math.random() * 1000));
after(() => {
  cluster.stop();
  rmSync(root, { recursive: true, force: true });
});

test('another local user cannot connect to the cluster socket; its owner can', async () => {
  assert.equal(statSync(cluster.socketDir).mode & 0o077, 0, 'socket folder closed to group and others');
  const psql = (user: string) =>
    spawnSync(
      'runuser',
      [
        '-u',
        user,
        '--',
        '/usr/lib/postgresql/15/bin/psql',
        '-h',
        cluster.socketDir,
        '-p',
        String(cluster.port),
      ].concat(['-U', 'postgres', '-d', 'postgres', '-Atc', 'SELECT 1']),
      { encoding: 'utf8', timeout: 20_000 },
    );
  const stranger = psql('nobody');
  assert.notEqual(stranger.status, 0, `nobody connected: ${stranger.stdout}`);
  assert.match(stranger.stderr, /Permission denied|No such file/);
  assert.equal(psql('postgres').stdout.trim(), '1');
  // The Node process (root here) still connects.
  const admin = new pg.Client({ connectionString: cluster.adminUrl() });
  await admin.connect();
  assert.equal((await admin.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one, 1);
  await admin.end();
});
