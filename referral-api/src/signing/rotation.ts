// DATA_KEY rotation: re-seals every ciphertext that is not under the current key, and recomputes
// identity-number lookup hashes with it. The lookup hash is keyed by DATA_KEY on purpose: an
// identity number has little entropy (region, birth date, serial, check digit), so a hash key
// that survived a leaked DATA_KEY would let whoever holds the leak and a dump brute-force every
// number. Rotating it with the encryption key closes that, at the cost of searching under every
// configured key until the rotation is done (DataCrypto.lookupHashes).
//
// Runs as the owner (row-level security does not bind it), in batches of its own transaction
// each; a row is picked again until it is current, so an interrupted run just runs again.
import type pg from 'pg';
import type { DataCrypto } from '@tiered-care/platform';

interface SealedColumn {
  table: string;
  column: string;
  /** Patients carry the lookup hash beside the identity number. */
  hashColumn?: string;
}

const SEALED: readonly SealedColumn[] = [
  { table: 'patients', column: 'id_number_enc', hashColumn: 'id_number_hash' },
  { table: 'users', column: 'signing_private_key_enc' },
  { table: 'pacs_endpoints', column: 'password_enc' },
];

export interface RotationOptions {
  batchSize?: number;
  /** Stop after this many batches (tests of resuming); default: until done. */
  maxBatches?: number;
  onBatch?: (table: string, rows: number) => void;
}

/** Rows re-sealed per table. */
export async function rotateDataKey(
  pool: pg.Pool,
  crypto: DataCrypto,
  options: RotationOptions = {},
): Promise<Record<string, number>> {
  const batchSize = options.batchSize ?? 200;
  let batches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  const done: Record<string, number> = {};
  for (const col of SEALED) {
    let rows = 0;
    while (batches-- > 0) {
      const n = await rotateBatch(pool, crypto, col, batchSize);
      if (n === 0) break;
      rows += n;
      options.onBatch?.(col.table, n);
    }
    done[col.table] = rows;
  }
  return done;
}

async function rotateBatch(
  pool: pg.Pool,
  crypto: DataCrypto,
  col: SealedColumn,
  size: number,
): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ id: string; sealed: Buffer }>(
      `SELECT id, ${col.column} AS sealed FROM ${col.table}
       WHERE ${col.column} IS NOT NULL AND substring(${col.column} FROM 1 FOR $1) <> $2
       ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [crypto.currentPrefix.length, crypto.currentPrefix, size],
    );
    for (const row of rows) {
      const plain = crypto.decrypt(row.sealed);
      if (col.hashColumn) {
        await client.query(
          `UPDATE ${col.table} SET ${col.column} = $2, ${col.hashColumn} = $3 WHERE id = $1`,
          [row.id, crypto.encrypt(plain), crypto.lookupHash(plain)],
        );
      } else {
        await client.query(`UPDATE ${col.table} SET ${col.column} = $2 WHERE id = $1`, [
          row.id,
          crypto.encrypt(plain),
        ]);
      }
    }
    await client.query('COMMIT');
    return rows.length;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Ciphertexts not yet under the current key, per table (0 everywhere: previous keys may go). */
export async function pendingRotation(pool: pg.Pool, crypto: DataCrypto): Promise<Record<string, number>> {
  const pending: Record<string, number> = {};
  for (const col of SEALED) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${col.table}
       WHERE ${col.column} IS NOT NULL AND substring(${col.column} FROM 1 FOR $1) <> $2`,
      [crypto.currentPrefix.length, crypto.currentPrefix],
    );
    pending[col.table] = rows[0]?.n ?? 0;
  }
  return pending;
}
