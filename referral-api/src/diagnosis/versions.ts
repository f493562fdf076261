// Writing report versions: a new version signed by the caller (the draft, or an amendment), and
// a senior's co-signature on the latest version, over the same canonical payload (signature.ts).
import { Conflict, type Actor, type DataCrypto, type Db } from '@tiered-care/platform';
import type { RequestRow } from './model';
import { signAsCaller } from './signature';

/** Signs a new version of the report and stores it; returns its number. */
export async function signVersion(
  db: Db,
  crypto: DataCrypto,
  actor: Actor,
  r: RequestRow,
  content: unknown,
  amendment: { kind: 'addendum' | 'correction'; reason: string } | null,
): Promise<number> {
  const { rows } = await db.query<{ next: number }>(
    'SELECT coalesce(max(version), 0) + 1 AS next FROM diagnosis_reports WHERE request_id = $1',
    [r.id],
  );
  const version = rows[0]?.next ?? 1;
  const signature = await signAsCaller(db, crypto, { requestId: r.id, version, content, amendment });
  const grade = r.readerGrade ?? 'trainee';
  await db.query(
    `INSERT INTO diagnosis_reports (request_id, version, content, amendment_kind, amendment_reason,
       signed_by, signer_grade, signature, final)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      r.id,
      version,
      content,
      amendment?.kind ?? null,
      amendment?.reason ?? null,
      actor.userId,
      grade,
      signature,
      grade === 'senior',
    ],
  );
  return version;
}

/** Co-signs the latest version as the caller and makes it final; returns it. */
export async function cosignLatest(
  db: Db,
  crypto: DataCrypto,
  actor: Actor,
  requestId: string,
): Promise<{ version: number; content: unknown }> {
  const { rows } = await db.query<{
    version: number;
    content: unknown;
    amendment_kind: 'addendum' | 'correction' | null;
    amendment_reason: string | null;
  }>(
    'SELECT version, content, amendment_kind, amendment_reason FROM diagnosis_reports WHERE request_id = $1 ORDER BY version DESC LIMIT 1',
    [requestId],
  );
  const v = rows[0];
  if (!v) throw Conflict('invalid_transition', 'there is no signed version to co-sign');
  const amendment =
    v.amendment_kind && v.amendment_reason ? { kind: v.amendment_kind, reason: v.amendment_reason } : null;
  const cosignature = await signAsCaller(db, crypto, {
    requestId,
    version: v.version,
    content: v.content,
    amendment,
  });
  await db.query(
    `UPDATE diagnosis_reports SET cosigned_by = $3, cosigned_at = now(), cosignature = $4, final = true
     WHERE request_id = $1 AND version = $2`,
    [requestId, v.version, actor.userId, cosignature],
  );
  return v;
}
