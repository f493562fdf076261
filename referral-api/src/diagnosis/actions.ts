// POST /api/diagnosis-requests/:id/actions/:action. Each action locks the request, checks the
// version the caller saw (409 version_conflict otherwise: of two readers claiming together exactly
// one wins), checks who may do it in this state (workflow.ts), changes the row, and writes the
// history, audit row and live event in the same transaction.
import { ReportContent, type DiagnosisActionBodies, type DiagnosisRequest } from '@tiered-care/common';
import type { Actor, DataCrypto, Db } from '@tiered-care/platform';
import { recordChange } from './live';
import { loadRequestRow, type RequestRow } from './model';
import { describeRequest } from './read';
import { cosignLatest, signVersion } from './versions';
import { assertAllowed } from './workflow';

type Action = keyof DiagnosisActionBodies;

interface Step {
  /** SET clause over diagnosis_requests (version is bumped apart); $1 is the id. */
  set: string;
  values: unknown[];
  details: Record<string, unknown>;
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
      const v = await cosignLatest(db, crypto, actor, r.id);
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
