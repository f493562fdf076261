// POST /api/diagnosis-requests/:id/actions/:action. Each action locks the request, checks the
// version the caller saw (409 version_conflict otherwise: of two readers claiming together exactly
// one wins), checks who may do it in this state (workflow.ts), changes the row, and writes the
// history, audit row and live event in the same transaction.
import { ReportContent, type DiagnosisActionBodies, type DiagnosisRequest } from '@tiered-care/common';
import { Conflict, type Actor, type DataCrypto, type Db } from '@tiered-care/platform';
import { recordChange } from './live';
import { loadRequestRow, type RequestRow } from './model';
import { describeRequest } from './read';
import { signAsCaller } from './signature';
import { assertAllowed } from './workflow';

type Action = keyof DiagnosisActionBodies;

interface Step {
  /** SET clause over diagnosis_requests (version is bumped apart); $1 is the id. */
  set: string;
  values: unknown[];
  details: Record<string, unknown>;
}

/** Signs a new version of the report and stores it; returns its number. */
async function signVersion(
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

const contentOf = (draft: unknown) => ReportContent.parse(draft);

async function step(
  db: Db,
  crypto: DataCrypto,
  actor: Actor,
  r: RequestRow,
  action: Action,
  body: DiagnosisActionBodies[Action],
): Promise<Step> {
  switch (action) {
    case 'claim':
      return {
        set: "status = 'claimed', claimed_by = $2, claimed_at = now()",
        values: [actor.userId],
        details: {},
      };
    case 'release': {
      const note = 'note' in body ? (body.note ?? null) : null;
      return {
        set: "status = 'requested', claimed_by = NULL, claimed_at = NULL",
        values: [],
        details: { note, claimedBy: r.claimedByUserId },
      };
    }
    case 'report': {
      const report = (body as DiagnosisActionBodies['report']).report;
      return {
        set: "status = 'reported', draft = $2",
        values: [report],
        details: { critical: report.critical },
      };
    }
    case 'sign': {
      const content = contentOf(r.draft);
      const version = await signVersion(db, crypto, actor, r, content, null);
      if (r.readerGrade === 'senior')
        return {
          set: "status = 'signed', signed_at = now(), critical = $2, draft = NULL",
          values: [content.critical],
          details: { reportVersion: version, critical: content.critical },
        };
      return {
        set: 'awaiting_cosign = true',
        values: [],
        details: { reportVersion: version, awaitingCosign: true },
      };
    }
    case 'cosign': {
      const { rows } = await db.query<{
        version: number;
        content: unknown;
        amendment_kind: 'addendum' | 'correction' | null;
        amendment_reason: string | null;
      }>(
        'SELECT version, content, amendment_kind, amendment_reason FROM diagnosis_reports WHERE request_id = $1 ORDER BY version DESC LIMIT 1',
        [r.id],
      );
      const v = rows[0];
      if (!v) throw Conflict('invalid_transition', 'there is no signed version to co-sign');
      const amendment =
        v.amendment_kind && v.amendment_reason
          ? { kind: v.amendment_kind, reason: v.amendment_reason }
          : null;
      const cosignature = await signAsCaller(db, crypto, {
        requestId: r.id,
        version: v.version,
        content: v.content,
        amendment,
      });
      await db.query(
        `UPDATE diagnosis_reports SET cosigned_by = $3, cosigned_at = now(), cosignature = $4, final = true
         WHERE request_id = $1 AND version = $2`,
        [r.id, v.version, actor.userId, cosignature],
      );
      const critical = contentOf(v.content).critical;
      return {
        set: "status = 'signed', awaiting_cosign = false, signed_at = now(), critical = $2, draft = NULL",
        values: [critical],
        details: { reportVersion: v.version, critical },
      };
    }
    case 'acknowledge': {
      const note = (body as DiagnosisActionBodies['acknowledge']).note ?? null;
      return {
        set: "status = 'acknowledged', acknowledged_at = now(), acknowledged_by = $2, acknowledge_note = $3",
        values: [actor.userId, note],
        details: { note, critical: r.critical },
      };
    }
    case 'amend': {
      const b = body as DiagnosisActionBodies['amend'];
      const version = await signVersion(db, crypto, actor, r, b.report, {
        kind: b.amendment,
        reason: b.reason,
      });
      return {
        set: `status = 'signed', critical = $2, acknowledged_at = NULL, acknowledged_by = NULL,
          acknowledge_note = NULL`,
        values: [b.report.critical],
        details: {
          reportVersion: version,
          amendment: b.amendment,
          reason: b.reason,
          critical: b.report.critical,
        },
      };
    }
    case 'cancel': {
      const reason = (body as DiagnosisActionBodies['cancel']).reason;
      return { set: "status = 'cancelled', cancel_reason = $2", values: [reason], details: { reason } };
    }
  }
}

export async function performDiagnosisAction<A extends Action>(
  db: Db,
  crypto: DataCrypto,
  actor: Actor,
  id: string,
  action: A,
  body: DiagnosisActionBodies[A],
): Promise<DiagnosisRequest> {
  const r = await loadRequestRow(db, actor.userId, id, { lock: true });
  assertAllowed(r, actor, action, body.version);
  const s = await step(db, crypto, actor, r, action, body);
  await db.query(`UPDATE diagnosis_requests SET ${s.set}, version = version + 1 WHERE id = $1`, [
    r.id,
    ...s.values,
  ]);
  await recordChange(db, actor, r.id, action, r.status, s.details);
  const after = await loadRequestRow(db, actor.userId, r.id);
  return describeRequest(db, actor, after);
}
