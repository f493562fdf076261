// The consultation worklists: incoming requests for the caller's institution (a clinician sees
// their own department's and those naming them; coordinators see all), outgoing requests from
// it, and every consultation the caller takes part in. Keyset pages and counts per status.
import type {
  ConsultationListQuery,
  ConsultationStatus,
  ParticipantRole,
  Priority,
} from '@tiered-care/common';
import { z } from 'zod';
import { hasRole, type Actor, type Db } from '@tiered-care/platform';
import { cursorCodec } from '../db/cursor';
import { PATIENT_ACCESS_SQL, REQUEST_PARTIES_SQL, type PatientAccess } from './model';

export interface ConsultationListItem {
  id: string;
  title: string;
  status: ConsultationStatus;
  version: number;
  priority: Priority | null;
  question: string | null;
  patient: { id: string; name: string; gender: string; birthDate: string } | null;
  /** 'ended': about a patient the caller no longer sees; patient and question are null. */
  patientAccess: PatientAccess;
  requester: { displayName: string; institutionName: string } | null;
  toInstitutionName: string | null;
  toDepartmentName: string | null;
  host: { userId: string; displayName: string } | null;
  scheduledAt: Date | null;
  durationMinutes: number | null;
  decisionDueAt: Date | null;
  overdue: boolean;
  createdAt: Date;
  referralId: string | null;
  myRole: ParticipantRole | null;
}

export interface ConsultationPage {
  items: ConsultationListItem[];
  nextCursor: string | null;
  /** Per status in this box, plus `overdue` (requests past their decision time). */
  counts: Record<string, number>;
}

const CursorShape = z.strictObject({ r: z.number().int().min(0).max(3), t: z.iso.datetime(), i: z.uuid() });

const { decode: decodeCursor, encode: encodeCursor } = cursorCodec(CursorShape);

/** The box as SQL over `c`, with its parameters starting at $1. */
function boxCondition(
  box: NonNullable<ConsultationListQuery['box']>,
  actor: Actor,
): { sql: string; values: unknown[] } {
  switch (box) {
    case 'incoming':
      return hasRole(actor, 'coordinator')
        ? { sql: 'c.to_institution_id = $1', values: [actor.institutionId] }
        : {
            sql: `c.to_institution_id = $1 AND (c.to_department_id IS NULL OR c.to_department_id = $2
                    OR c.specialist_user_id = $3)`,
            values: [actor.institutionId, actor.departmentId, actor.userId],
          };
    case 'outgoing':
      return { sql: 'c.requester_institution_id = $1', values: [actor.institutionId] };
    case 'mine':
      return {
        sql: 'EXISTS (SELECT 1 FROM consultation_participants me WHERE me.consultation_id = c.id AND me.user_id = $1)',
        values: [actor.userId],
      };
  }
}

export async function listConsultations(
  db: Db,
  actor: Actor,
  q: ConsultationListQuery & { box: NonNullable<ConsultationListQuery['box']> },
  now = new Date(),
): Promise<ConsultationPage> {
  const box = boxCondition(q.box, actor);
  const values = [...box.values];
  const where = [box.sql];
  const add = (sql: (p: string) => string, value: unknown) => {
    values.push(value);
    where.push(sql(`$${values.length}`));
  };
  const countWhere = where.join(' AND ');
  const countValues = [...values];

  if (q.status?.length) add((p) => `c.status = ANY(${p}::text[])`, q.status);
  if (q.overdue === 'true') add((p) => `c.status = 'requested' AND c.decision_due_at < ${p}`, now);
  // Work still to do comes most urgent first; everything else newest first.
  const urgency =
    q.box === 'incoming' &&
    (q.overdue === 'true' || (q.status?.every((s) => s === 'requested' || s === 'info_requested') ?? false));
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    if (urgency) {
      values.push(c.r, c.t, c.i);
      const n = values.length;
      where.push(
        `(c.priority_rank < $${n - 2} OR (c.priority_rank = $${n - 2} AND (c.created_at, c.id) > ($${n - 1}::timestamptz, $${n}::uuid)))`,
      );
    } else {
      values.push(c.t, c.i);
      const n = values.length;
      where.push(`(c.created_at, c.id) < ($${n - 1}::timestamptz, $${n}::uuid)`);
    }
  }
  values.push(now, actor.userId, q.limit + 1);
  const n = values.length;
  const order = urgency ? 'c.priority_rank DESC, c.created_at, c.id' : 'c.created_at DESC, c.id DESC';
  const { rows } = await db.query<ConsultationListItem & { rank: number; createdIso: string }>(
    `SELECT c.id, c.title, c.status, c.version, c.priority,
            CASE WHEN ${PATIENT_ACCESS_SQL} = 'open' THEN left(c.question, 200) END AS question,
            (SELECT json_build_object('id', p.id, 'name', p.name, 'gender', p.gender,
                      'birthDate', to_char(p.birth_date, 'YYYY-MM-DD'))
             FROM patients p WHERE p.id = c.patient_id) AS patient,
            ${PATIENT_ACCESS_SQL} AS "patientAccess",
            CASE WHEN ru.id IS NULL THEN NULL
              ELSE json_build_object('displayName', ru.display_name, 'institutionName', ri.name) END AS requester,
            ti.name AS "toInstitutionName", td.name AS "toDepartmentName",
            CASE WHEN h.id IS NULL THEN NULL
              ELSE json_build_object('userId', h.id, 'displayName', h.display_name) END AS host,
            c.scheduled_at AS "scheduledAt", c.duration_minutes AS "durationMinutes",
            c.decision_due_at AS "decisionDueAt",
            (c.status = 'requested' AND c.decision_due_at < $${n - 2}) AS overdue,
            c.created_at AS "createdAt", c.referral_id AS "referralId",
            (SELECT p.role FROM consultation_participants p
             WHERE p.consultation_id = c.id AND p.user_id = $${n - 1}) AS "myRole",
            c.priority_rank AS rank,
            to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdIso"
     FROM consultations c
     ${REQUEST_PARTIES_SQL}
     LEFT JOIN users h ON h.id = c.host_user_id
     WHERE ${where.join(' AND ')}
     ORDER BY ${order}
     LIMIT $${n}`,
    values,
  );
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const counts = await db.query<{ status: string; n: number }>(
    `SELECT c.status, count(*)::int AS n FROM consultations c WHERE ${countWhere} GROUP BY c.status
     UNION ALL
     SELECT 'overdue', count(*)::int FROM consultations c
     WHERE ${countWhere} AND c.status = 'requested' AND c.decision_due_at < $${countValues.length + 1}`,
    [...countValues, now],
  );
  return {
    items: page.map(({ rank: _rank, createdIso: _iso, ...item }) => item),
    nextCursor: more && last ? encodeCursor({ r: last.rank, t: last.createdIso, i: last.id }) : null,
    counts: Object.fromEntries(counts.rows.map((r) => [r.status, r.n])),
  };
}
