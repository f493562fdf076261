import type {
  Conclusion,
  ConsultationAction,
  DeclineReason,
  ParticipantRole,
  Priority,
  RecordingStatus,
  Role,
  TimeWindow,
} from '@tiered-care/common';
import { NotFound, verifyPayload, type Actor, type Db } from '@tiered-care/platform';
import { auditConsultation } from './access';
import { conclusionContent } from './conclusion';
import { listConsultationEvents, type ConsultationEvent } from './events';
import {
  loadConsultation,
  PATIENT_ACCESS_SQL,
  partyOf,
  REQUEST_PARTIES_SQL,
  stateOf,
  type ConsultationRow,
  type PatientAccess,
} from './model';
import { workflowOnly } from '../workflow/redact';
import { currentOpinions, type Opinion } from './opinions';
import { allowedConsultationActions } from './workflow';

export interface Participant {
  userId: string;
  displayName: string;
  title: string | null;
  institutionId: string | null;
  institutionName: string | null;
  departmentName: string | null;
  role: ParticipantRole;
  roles: Role[];
  invitedAt: Date;
  recordingConsentAt: Date | null;
}

export interface Attendance {
  id: number;
  userId: string;
  joinedAt: Date;
  leftAt: Date | null;
}

export interface Recording {
  id: string;
  status: RecordingStatus;
  startedAt: Date;
  endedAt: Date | null;
  durationSeconds: number | null;
  createdBy: string;
}

interface Named {
  id: string;
  name: string;
}

/** The request half (会诊申请) of a consultation that began as one; null for a direct booking. */
export interface ConsultationRequest {
  requestedBy: { userId: string; displayName: string };
  requesterInstitution: Named;
  toInstitution: Named;
  toDepartment: Named | null;
  specialist: { userId: string; displayName: string } | null;
  priority: Priority;
  /** Null once the caller's access to the patient ended. */
  question: string | null;
  preferredTimes: TimeWindow[];
  proposedTimes: TimeWindow[];
  studyInstanceUids: string[];
  decisionDueAt: Date | null;
  decidedAt: Date | null;
  overdue: boolean;
  declineReasonCode: DeclineReason | null;
  declineNote: string | null;
  infoQuestion: string | null;
  infoAnswer: string | null;
  cancelReason: string | null;
}

/** 会诊结论: the host's signed conclusion. */
export interface ConsultationConclusion extends Conclusion {
  concludedAt: Date;
  concludedBy: { userId: string; displayName: string };
  signature: string;
  publicKey: string;
  /** Whether the signature matches the stored conclusion under the host's key. */
  verified: boolean;
}

export interface ConsultationDetail extends Pick<
  ConsultationRow,
  | 'id'
  | 'title'
  | 'status'
  | 'version'
  | 'scheduledAt'
  | 'durationMinutes'
  | 'hostUserId'
  | 'hostInstitutionId'
  | 'referralId'
> {
  startedAt: Date | null;
  endedAt: Date | null;
  createdAt: Date;
  /** The caller's own part, or null when they see it as requesting or receiving staff. */
  myRole: ParticipantRole | null;
  /** Whether the caller may open the record (chat, attendance, opinions, recordings). */
  recordVisible: boolean;
  patient: { id: string; name: string; gender: string; birthDate: string } | null;
  /** 'ended': about a patient the caller no longer sees (migration 015); what it says about them is left out. */
  patientAccess: PatientAccess;
  request: ConsultationRequest | null;
  conclusion: ConsultationConclusion | null;
  participants: Participant[];
  attendance: Attendance[];
  opinions: Opinion[];
  recordings: Recording[];
  events: ConsultationEvent[];
  allowedActions: ConsultationAction[];
}

type BaseRow = Omit<
  ConsultationDetail,
  | 'myRole'
  | 'participants'
  | 'attendance'
  | 'opinions'
  | 'recordings'
  | 'events'
  | 'allowedActions'
  | 'conclusion'
> & {
  conclusionRow: {
    conclusion: Conclusion;
    concludedAt: string;
    concludedBy: { userId: string; displayName: string };
    signature: string;
    publicKey: string;
  } | null;
};

/**
 * One consultation as the caller may see it: participants and the requesting and receiving
 * institutions see the consultation; the record parts come back only where row-level security
 * lets the caller read them (participants, an auditing institution administrator).
 */
export async function getConsultation(
  db: Db,
  actor: Actor,
  id: string,
  opts: { audit?: boolean } = {},
): Promise<ConsultationDetail> {
  const row = await loadConsultation(db, actor, id);
  const { rows } = await db.query<BaseRow>(
    `SELECT c.id, c.title, c.status, c.version, c.scheduled_at AS "scheduledAt",
            c.duration_minutes AS "durationMinutes", c.host_user_id AS "hostUserId",
            c.host_institution_id AS "hostInstitutionId", c.referral_id AS "referralId",
            c.started_at AS "startedAt", c.ended_at AS "endedAt", c.created_at AS "createdAt",
            consult_record_visible(c.id) AS "recordVisible",
            (SELECT json_build_object('id', p.id, 'name', p.name, 'gender', p.gender,
                      'birthDate', to_char(p.birth_date, 'YYYY-MM-DD'))
             FROM patients p WHERE p.id = c.patient_id) AS patient,
            ${PATIENT_ACCESS_SQL} AS "patientAccess",
            CASE WHEN c.to_institution_id IS NOT NULL THEN json_build_object(
              'requestedBy', json_build_object('userId', ru.id, 'displayName', ru.display_name),
              'requesterInstitution', json_build_object('id', ri.id, 'name', ri.name),
              'toInstitution', json_build_object('id', ti.id, 'name', ti.name),
              'toDepartment', CASE WHEN td.id IS NULL THEN NULL ELSE json_build_object('id', td.id, 'name', td.name) END,
              'specialist', CASE WHEN su.id IS NULL THEN NULL
                ELSE json_build_object('userId', su.id, 'displayName', su.display_name) END,
              'priority', c.priority, 'question', c.question,
              'preferredTimes', c.preferred_times, 'proposedTimes', c.proposed_times,
              'studyInstanceUids', to_json(c.study_instance_uids),
              'decisionDueAt', c.decision_due_at, 'decidedAt', c.decided_at,
              'overdue', c.status = 'requested' AND c.decision_due_at < now(),
              'declineReasonCode', c.decline_reason_code, 'declineNote', c.decline_note,
              'infoQuestion', c.info_question, 'infoAnswer', c.info_answer, 'cancelReason', c.cancel_reason)
            END AS request,
            CASE WHEN c.conclusion IS NOT NULL THEN json_build_object(
              'conclusion', c.conclusion, 'concludedAt', c.concluded_at,
              'concludedBy', json_build_object('userId', cu.id, 'displayName', cu.display_name),
              'signature', c.conclusion_signature, 'publicKey', cu.signing_public_key)
            END AS "conclusionRow"
     FROM consultations c
     ${REQUEST_PARTIES_SQL}
     LEFT JOIN users su ON su.id = c.specialist_user_id
     LEFT JOIN users cu ON cu.id = c.concluded_by
     WHERE c.id = $1`,
    [id],
  );
  const base = rows[0];
  if (!base) throw NotFound('consultation');
  const { conclusionRow, ...shown } = base;
  const open = shown.patientAccess === 'open';
  const rest = open ? shown : { ...shown, request: shown.request && requestWithoutPatient(shown.request) };

  const participants = await db.query<Participant>(
    `SELECT u.id AS "userId", u.display_name AS "displayName", u.title, u.institution_id AS "institutionId",
            i.name AS "institutionName", d.name AS "departmentName", cp.role, u.roles,
            cp.invited_at AS "invitedAt", cp.recording_consent_at AS "recordingConsentAt"
     FROM consultation_participants cp
     JOIN users u ON u.id = cp.user_id
     LEFT JOIN institutions i ON i.id = u.institution_id
     LEFT JOIN departments d ON d.id = u.department_id
     WHERE cp.consultation_id = $1
     ORDER BY cp.role = 'host' DESC, cp.role = 'cohost' DESC, i.name, u.display_name`,
    [id],
  );
  const attendance = await db.query<Attendance>(
    `SELECT id::int, user_id AS "userId", joined_at AS "joinedAt", left_at AS "leftAt"
     FROM consultation_attendance WHERE consultation_id = $1 ORDER BY joined_at, id`,
    [id],
  );
  const recordings = await db.query<Recording>(
    `SELECT id, status, started_at AS "startedAt", ended_at AS "endedAt",
            duration_seconds AS "durationSeconds", created_by AS "createdBy"
     FROM recordings WHERE consultation_id = $1 ORDER BY started_at, id`,
    [id],
  );
  if (opts.audit !== false && row.patientId) {
    await auditConsultation(db, actor, 'read', {
      consultationId: id,
      patientId: row.patientId,
      referralId: row.referralId,
    });
  }
  return {
    ...rest,
    myRole: row.myRole,
    conclusion: open && conclusionRow ? verifiedConclusion(id, conclusionRow) : null,
    participants: participants.rows,
    attendance: attendance.rows,
    opinions: open ? await currentOpinions(db, id) : [],
    recordings: recordings.rows,
    events: (await listConsultationEvents(db, id)).map((e) =>
      open ? e : { ...e, details: workflowOnly(e.details) },
    ),
    allowedActions: allowedConsultationActions(stateOf(row), partyOf(actor, row)),
  };
}

/** The request as a work record: who asked whom, when, and the codes; not what was written about the patient. */
function requestWithoutPatient(r: ConsultationRequest): ConsultationRequest {
  return {
    ...r,
    question: null,
    studyInstanceUids: [],
    declineNote: null,
    infoQuestion: null,
    infoAnswer: null,
    cancelReason: null,
  };
}

function verifiedConclusion(
  consultationId: string,
  c: NonNullable<BaseRow['conclusionRow']>,
): ConsultationConclusion {
  const concludedAt = new Date(c.concludedAt);
  let verified = false;
  try {
    verified = verifyPayload(
      c.publicKey,
      conclusionContent({
        consultationId,
        conclusion: c.conclusion,
        concludedBy: c.concludedBy.userId,
        concludedAt,
      }),
      c.signature,
    );
  } catch {
    verified = false;
  }
  return {
    ...c.conclusion,
    concludedAt,
    concludedBy: c.concludedBy,
    signature: c.signature,
    publicKey: c.publicKey,
    verified,
  };
}
