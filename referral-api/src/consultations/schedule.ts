import type { ConsultationRangeQuery, ConsultationStatus, ParticipantRole } from '@tiered-care/common';
import { Invalid, type Actor, type Db } from '@tiered-care/platform';

export interface ScheduleItem {
  id: string;
  title: string;
  scheduledAt: Date;
  durationMinutes: number;
  status: ConsultationStatus;
  myRole: ParticipantRole;
  host: { userId: string; displayName: string; institutionName: string | null };
  participantCount: number;
  referralId: string | null;
  /** Whether it is about a patient; who, the detail read tells (and audits). */
  hasPatient: boolean;
}

const DAY_MS = 86_400_000;
const MAX_DAYS = 366;

// China keeps one offset all year (no daylight saving), so a calendar day there is always
// [date T00:00+08:00, next date T00:00+08:00).
const shanghaiDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
const startOfDay = (ymd: string) => Date.parse(`${ymd}T00:00:00+08:00`);

/** The instants [from, to) for calendar days `from`…`to` (inclusive), by default yesterday…+30 days. */
export function scheduleRange(q: ConsultationRangeQuery, now = new Date()): { from: Date; to: Date } {
  const today = startOfDay(shanghaiDate(now));
  const from = q.from ? startOfDay(q.from) : today - DAY_MS;
  const to = (q.to ? startOfDay(q.to) : today + 30 * DAY_MS) + DAY_MS;
  if (to <= from) throw Invalid('invalid_range', 'from must not be after to');
  if (to - from > MAX_DAYS * DAY_MS) throw Invalid('range_too_long', `ask for at most ${MAX_DAYS} days`);
  return { from: new Date(from), to: new Date(to) };
}

/** The caller's own consultations starting in the range, earliest first. */
export async function listSchedule(db: Db, actor: Actor, q: ConsultationRangeQuery): Promise<ScheduleItem[]> {
  const { from, to } = scheduleRange(q);
  const { rows } = await db.query<ScheduleItem>(
    `SELECT c.id, c.title, c.scheduled_at AS "scheduledAt", c.duration_minutes AS "durationMinutes",
            c.status, me.role AS "myRole",
            json_build_object('userId', h.id, 'displayName', h.display_name, 'institutionName', hi.name) AS host,
            (SELECT count(*) FROM consultation_participants x WHERE x.consultation_id = c.id)::int
              AS "participantCount",
            c.referral_id AS "referralId", c.patient_id IS NOT NULL AS "hasPatient"
     FROM consultation_participants me
     JOIN consultations c ON c.id = me.consultation_id
     JOIN users h ON h.id = c.host_user_id
     LEFT JOIN institutions hi ON hi.id = c.host_institution_id
     WHERE me.user_id = $1 AND c.scheduled_at >= $2 AND c.scheduled_at < $3
       AND c.status IN ('scheduled', 'live', 'ended', 'reported')
     ORDER BY c.scheduled_at, c.id`,
    [actor.userId, from, to],
  );
  return rows;
}
