// GET /api/diagnosis-requests/:id, and the same object for the bridge (report PDF): the request,
// its signed versions, the draft (readers only), history and what the caller may do now. What it
// says about the patient goes once the caller's access to them ended (minimum necessary).
import type { DiagnosisEvent, DiagnosisRequest } from '@tiered-care/common';
import { withActor, type Actor, type Db } from '@tiered-care/platform';
import type pg from 'pg';
import { auditDiagnosis } from './live';
import { loadRequestRow, type RequestRow } from './model';
import { listReports } from './reports';
import { allowedActions } from './workflow';

async function listEvents(db: Db, requestId: string): Promise<DiagnosisEvent[]> {
  const { rows } = await db.query<DiagnosisEvent>(
    `SELECT e.id::integer AS id, e.action, e.from_status AS "fromStatus", e.to_status AS "toStatus", e.at,
       json_build_object('userId', u.id, 'displayName', u.display_name, 'institutionName', i.name) AS actor,
       e.details
     FROM diagnosis_events e JOIN users u ON u.id = e.actor_user_id
     LEFT JOIN institutions i ON i.id = u.institution_id
     WHERE e.request_id = $1 ORDER BY e.id`,
    [requestId],
  );
  return rows;
}

export async function describeRequest(db: Db, actor: Actor, row: RequestRow): Promise<DiagnosisRequest> {
  const reader = row.readerGrade !== null;
  const open = row.patient !== null;
  return {
    id: row.id,
    version: row.version,
    kind: row.kind,
    status: row.status,
    priority: row.priority,
    patient: row.patient,
    patientAccess: row.patientAccess,
    modality: row.modality,
    requester: row.requester,
    fromInstitution: row.fromInstitution,
    toInstitution: row.toInstitution,
    toDepartment: row.toDepartment,
    requestedAt: row.requestedAt,
    dueAt: row.dueAt,
    overdue: row.overdue,
    claimedBy: row.claimedBy,
    claimedAt: row.claimedAt,
    signedAt: row.signedAt,
    critical: row.critical,
    awaitingCosign: row.awaitingCosign,
    acknowledgedAt: row.acknowledgedAt,
    studyInstanceUid: row.studyInstanceUid,
    referralId: row.referralId,
    clinicalInfo: open ? row.clinicalInfo : null,
    question: open ? row.question : null,
    reports: await listReports(db, row.id, reader),
    draft: reader && row.draft ? (row.draft as DiagnosisRequest['draft']) : null,
    acknowledgedBy: row.acknowledgedBy,
    acknowledgeNote: row.acknowledgeNote,
    cancelReason: row.cancelReason,
    allowedActions: allowedActions(row, actor),
    events: await listEvents(db, row.id),
  };
}

/** The request as the caller may see it, with its audit row (the read of a patient's record). */
export async function getDiagnosisRequest(db: Db, actor: Actor, id: string): Promise<DiagnosisRequest> {
  const row = await loadRequestRow(db, actor.userId, id);
  await auditDiagnosis(db, actor, 'read', row);
  return describeRequest(db, actor, row);
}

/** For other parts (pacs-bridge's report PDF): the same object GET returns, NotFound for outsiders. */
export function loadDiagnosisRequest(pool: pg.Pool, actor: Actor, id: string): Promise<DiagnosisRequest> {
  return withActor(pool, actor, (db) => getDiagnosisRequest(db, actor, id));
}
