import type { ConsultationStatus, ParticipantRole, RecordingStatus } from '@tiered-care/common';
import type { Actor } from '../db/context';
import type { Db } from '../db/tx';
import { assertParticipant, auditConsultation } from './access';
import { currentOpinions, type Opinion } from './opinions';

export interface Participant {
  userId: string;
  displayName: string;
  institutionId: string | null;
  institutionName: string | null;
  departmentName: string | null;
  role: ParticipantRole;
  roles: string[];
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

export interface ConsultationDetail {
  id: string;
  title: string;
  status: ConsultationStatus;
  scheduledAt: Date;
  durationMinutes: number;
  hostUserId: string;
  hostInstitutionId: string;
  referralId: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  createdAt: Date;
  /** The caller's own part: host or participant. */
  myRole: ParticipantRole;
  patient: { id: string; name: string; gender: string; birthDate: string } | null;
  participants: Participant[];
  attendance: Attendance[];
  opinions: Opinion[];
  recordings: Recording[];
}

/** Everything about one consultation for one of its participants; a patient read is audited. */
export async function getConsultation(
  db: Db,
  actor: Actor,
  id: string,
  opts: { audit?: boolean } = {},
): Promise<ConsultationDetail> {
  const me = await assertParticipant(db, actor, id);
  const { rows } = await db.query<
    Omit<ConsultationDetail, 'myRole' | 'participants' | 'attendance' | 'opinions' | 'recordings'>
  >(
    `SELECT c.id, c.title, c.status, c.scheduled_at AS "scheduledAt", c.duration_minutes AS "durationMinutes",
            c.host_user_id AS "hostUserId", c.host_institution_id AS "hostInstitutionId",
            c.referral_id AS "referralId", c.started_at AS "startedAt", c.ended_at AS "endedAt",
            c.created_at AS "createdAt",
            (SELECT json_build_object('id', p.id, 'name', p.name, 'gender', p.gender,
                      'birthDate', to_char(p.birth_date, 'YYYY-MM-DD'))
             FROM patients p WHERE p.id = c.patient_id) AS patient
     FROM consultations c WHERE c.id = $1`,
    [id],
  );
  const base = rows[0];
  if (!base) throw new Error('consultation vanished inside its own transaction');

  const participants = await db.query<Participant>(
    `SELECT u.id AS "userId", u.display_name AS "displayName", u.institution_id AS "institutionId",
            i.name AS "institutionName", d.name AS "departmentName", cp.role, u.roles,
            cp.invited_at AS "invitedAt", cp.recording_consent_at AS "recordingConsentAt"
     FROM consultation_participants cp
     JOIN users u ON u.id = cp.user_id
     LEFT JOIN institutions i ON i.id = u.institution_id
     LEFT JOIN departments d ON d.id = u.department_id
     WHERE cp.consultation_id = $1
     ORDER BY cp.role = 'host' DESC, i.name, u.display_name`,
    [id],
  );
  const attendance = await db.query<Attendance>(
    `SELECT id, user_id AS "userId", joined_at AS "joinedAt", left_at AS "leftAt"
     FROM consultation_attendance WHERE consultation_id = $1 ORDER BY joined_at, id`,
    [id],
  );
  const recordings = await db.query<Recording>(
    `SELECT id, status, started_at AS "startedAt", ended_at AS "endedAt",
            duration_seconds AS "durationSeconds", created_by AS "createdBy"
     FROM recordings WHERE consultation_id = $1 ORDER BY started_at, id`,
    [id],
  );
  if (opts.audit !== false && me.patientId) {
    await auditConsultation(db, actor, 'read', me);
  }
  return {
    ...base,
    myRole: me.role,
    participants: participants.rows,
    attendance: attendance.rows,
    opinions: await currentOpinions(db, id),
    recordings: recordings.rows,
  };
}
