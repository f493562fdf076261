// `npm run rotate-data-key`: re-seals every ciphertext (identity numbers, signing keys, PACS
// passwords) under the current DATA_KEY and recomputes the identity-number lookup hashes, in
// batches of one transaction each; run it again after an interruption.
//
// Keys come from the environment (DATA_KEY, DATA_KEYS_PREVIOUS) when DATA_KEY is set, otherwise
// from DATA_DIR/secrets.json. `-- --new-key` (secrets.json only, `npm start` stopped) first makes
// a new key current and keeps the old one as previous; once nothing is left under a previous key,
// the previous keys are dropped from secrets.json. The database is MIGRATION_DATABASE_URL (the
// owner) or the local cluster under DATA_DIR.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { pendingRotation, previousDataKeys, rotateDataKey } from '@tiered-care/referral-api';
import { DataCrypto } from '@tiered-care/platform';
import {
  ensureDatabase,
  loadOrCreateSecrets,
  newDataKey,
  startCluster,
  writeSecrets,
  type Cluster,
} from '@tiered-care/testkit';

const dataDir = resolve(process.env.DATA_DIR ?? '.data');
const secretsFile = `${dataDir}/secrets.json`;
const newKey = process.argv.includes('--new-key');
const fromEnv = Boolean(process.env.DATA_KEY);

function fail(message: string): never {
  console.error(`rotate-data-key: ${message}`);
  process.exit(1);
}

if (!fromEnv && !existsSync(secretsFile)) fail(`no DATA_KEY in the environment and no ${secretsFile}`);
if (newKey && fromEnv)
  fail('--new-key rotates DATA_DIR/secrets.json; with DATA_KEY in the environment, set the new key there');

let cluster: Cluster | null = null;
let ownerUrl = process.env.MIGRATION_DATABASE_URL;
if (!ownerUrl) {
  if (process.env.DATABASE_URL) fail('set MIGRATION_DATABASE_URL (the owner role) to rotate');
  cluster = startCluster(`${dataDir}/postgres`, Number(process.env.PG_PORT ?? 54329));
  ownerUrl = (await ensureDatabase(cluster, 'referral')).ownerUrl;
}
if (newKey && cluster && !cluster.startedHere) {
  fail('stop `npm start` first: it holds the current key and would keep writing with it');
}

let current: string;
let previous: string[];
if (fromEnv) {
  current = process.env.DATA_KEY ?? '';
  previous = previousDataKeys(process.env.DATA_KEYS_PREVIOUS);
} else {
  const secrets = loadOrCreateSecrets(secretsFile);
  if (newKey) {
    const rotated = {
      ...secrets,
      DATA_KEY: newDataKey(),
      DATA_KEYS_PREVIOUS: [secrets.DATA_KEY, ...(secrets.DATA_KEYS_PREVIOUS ?? [])],
    };
    writeSecrets(secretsFile, rotated);
    Object.assign(secrets, rotated);
  }
  current = secrets.DATA_KEY;
  previous = secrets.DATA_KEYS_PREVIOUS ?? [];
}

const crypto = new DataCrypto(current, previous);
const pool = new pg.Pool({ connectionString: ownerUrl, max: 2 });
try {
  console.log(`re-sealing under key ${crypto.keyId}`);
  const done = await rotateDataKey(pool, crypto, {
    onBatch: (table, rows) => console.log(`  ${table}: ${rows} rows`),
  });
  const pending = await pendingRotation(pool, crypto);
  console.log('re-sealed', done, 'left under older keys', pending);
  if (Object.values(pending).some((n) => n > 0))
    fail('rows are left under older keys (written meanwhile?): run again');
  if (fromEnv) {
    console.log('done: DATA_KEYS_PREVIOUS may now be removed from every process (then restart them)');
  } else {
    writeSecrets(secretsFile, { ...loadOrCreateSecrets(secretsFile), DATA_KEYS_PREVIOUS: [] });
    console.log(`done: previous keys removed from ${secretsFile}`);
  }
} finally {
  await pool.end();
  if (cluster?.startedHere) cluster.stop();
}
