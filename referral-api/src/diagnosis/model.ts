// One diagnosis request as the caller may see it, read in one statement: row-level security
// decides whether the row is there at all (requesting institution, the centre's readers), and
// the patients policy whether the patient still is (minimum necessary: null once access ended).
import type { DiagnosisKind, DiagnosisListItem, DiagnosisStatus, Priority } from '@tiered-care/common';
import { NotFound, type Db } from '@tiered-care/platform';

/** The heading columns of request `d` (list row and detail); needs HEADING_JOINS. */
export const HEADING_SQL = `d.id, d.version, d.kind, d.status, d.priority, d.modality,
  d.requested_at AS "requestedAt", d.due_at AS "dueAt", d.claimed_at AS "claimedAt",
  d.signed_at AS "signedAt", d.critical, d.awaiting_cosign AS "awaitingCosign",
  d.acknowledged_at AS "acknowledgedAt",
  (coalesce(d.signed_at, now()) > d.due_at AND d.status <> 'cancelled') AS overdue,
  CASE WHEN pt.id IS NULL THEN NULL ELSE json_build_object('id', pt.id, 'name', pt.name,
    'gender', pt.gender, 'birthDate', to_char(pt.birth_date, 'YYYY-MM-DD')) END AS patient,
  CASE WHEN pt.id IS NULL THEN 'ended' ELSE 'open' END AS "patientAccess",
  json_build_object('userId', ru.id, 'displayName', ru.display_name) AS requester,
  json_build_object('id', fi.id, 'name', fi.name) AS "fromInstitution",
  json_build_object('id', ti.id, 'name', ti.name) AS "toInstitution",
  json_build_object('id', td.id, 'name', td.name) AS "toDepartment",
  CASE WHEN cu.id IS NULL THEN NULL
    ELSE json_build_object('userId', cu.id, 'displayName', cu.display_name) END AS "claimedBy"`;

export const HEADING_JOINS = `LEFT JOIN patients pt ON pt.id = d.patient_id
  JOIN users ru ON ru.id = d.requester_user_id
  JOIN institutions fi ON fi.id = d.from_institution_id
  JOIN institutions ti ON ti.id = d.to_institution_id
  JOIN departments td ON td.id = d.to_department_id
  LEFT JOIN users cu ON cu.id = d.claimed_by`;

/** What actions and reads need beyond the heading. */
export interface RequestRow extends DiagnosisListItem {
  patientId: string;
  studyInstanceUid: string;
  referralId: string | null;
  centreId: string;
  requesterUserId: string;
  fromInstitutionId: string;
  claimedByUserId: string | null;
  clinicalInfo: string;
  question: string;
  draft: unknown;
  acknowledgedBy: { userId: string; displayName: string } | null;
  acknowledgeNote: string | null;
  cancelReason: string | null;
  /** The caller's grade at the request's centre; null when they don't read for it. */
  readerGrade: 'senior' | 'trainee' | null;
}

export interface RowHeading {
  kind: DiagnosisKind;
  status: DiagnosisStatus;
  priority: Priority;
}

/** The request the caller can see (locked for an action), or NotFound: no hint that it exists. */
export async function loadRequestRow(
  db: Db,
  userId: string,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<RequestRow> {
  const { rows } = await db.query<RequestRow>(
    `SELECT ${HEADING_SQL}, d.patient_id AS "patientId", d.study_instance_uid AS "studyInstanceUid",
       d.referral_id AS "referralId", d.centre_id AS "centreId", d.requester_user_id AS "requesterUserId",
       d.from_institution_id AS "fromInstitutionId", d.claimed_by AS "claimedByUserId",
       d.clinical_info AS "clinicalInfo", d.question, d.draft,
       CASE WHEN au.id IS NULL THEN NULL
         ELSE json_build_object('userId', au.id, 'displayName', au.display_name) END AS "acknowledgedBy",
       d.acknowledge_note AS "acknowledgeNote", d.cancel_reason AS "cancelReason",
       (SELECT rr.grade FROM reading_readers rr WHERE rr.centre_id = d.centre_id AND rr.user_id = $2
         AND d.centre_id IN (SELECT app_reading_centres())) AS "readerGrade"
     FROM diagnosis_requests d ${HEADING_JOINS}
     LEFT JOIN users au ON au.id = d.acknowledged_by
     WHERE d.id = $1 ${opts.lock ? 'FOR UPDATE OF d' : ''}`,
    [id, userId],
  );
  const row = rows[0];
  if (!row) throw NotFound('diagnosis request');
  return row;
}
