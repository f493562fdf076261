// Reserved appointment capacity (预留号源) that a receiving department sets aside for referrals.
import type { z } from 'zod';
import type { CreateSlotsBody, ReferralType, SlotQuery } from '@tiered-care/common';
import { Forbidden, hasRole, Invalid, NotFound, type Actor, type Db } from '@tiered-care/platform';

export interface Slot {
  id: string;
  institutionId: string;
  departmentId: string;
  type: ReferralType;
  startsAt: Date;
  endsAt: Date;
  location: string;
  capacity: number;
  booked: number;
  free: number;
}

const COLUMNS = `id, institution_id AS "institutionId", department_id AS "departmentId", type,
  starts_at AS "startsAt", ends_at AS "endsAt", location, capacity, booked, capacity - booked AS free`;

const DAY = 86_400_000;

/** Future slots of one institution (optionally one department), for the booking calendar. */
export async function listSlots(db: Db, q: z.infer<typeof SlotQuery>): Promise<Slot[]> {
  const from = q.from ? new Date(`${q.from}T00:00:00+08:00`) : new Date();
  const to = q.to
    ? new Date(Date.parse(`${q.to}T00:00:00+08:00`) + DAY)
    : new Date(from.getTime() + 31 * DAY);
  if (to.getTime() - from.getTime() > 92 * DAY)
    throw Invalid('invalid_range', 'ask for at most 92 days of slots');
  const { rows } = await db.query<Slot>(
    `SELECT ${COLUMNS} FROM reserved_slots
     WHERE institution_id = $1 AND ($2::uuid IS NULL OR department_id = $2)
       AND starts_at >= greatest($3::timestamptz, now()) AND starts_at < $4
     ORDER BY starts_at, department_id LIMIT 2000`,
    [q.institutionId, q.departmentId ?? null, from, to],
  );
  return rows;
}

/** Coordinators and administrators reserve capacity for their own institution's departments. */
export async function createSlots(
  db: Db,
  actor: Actor,
  body: z.infer<typeof CreateSlotsBody>,
): Promise<Slot[]> {
  if (!actor.institutionId || !hasRole(actor, 'coordinator', 'institution_admin')) {
    throw Forbidden('role_required', 'only coordinators and administrators reserve slots');
  }
  const dept = await db.query('SELECT 1 FROM departments WHERE id = $1 AND institution_id = $2', [
    body.departmentId,
    actor.institutionId,
  ]);
  if (dept.rowCount === 0) throw NotFound('department');
  for (const s of body.slots) {
    if (Date.parse(s.endsAt) <= Date.parse(s.startsAt))
      throw Invalid('invalid_slot', 'a slot must end after it starts');
  }
  const { rows } = await db.query<Slot>(
    `INSERT INTO reserved_slots (institution_id, department_id, type, starts_at, ends_at, location, capacity)
     SELECT $1, $2, s.type, s."startsAt", s."endsAt", s.location, s.capacity
     FROM json_to_recordset($3::json) AS s(type text, "startsAt" timestamptz, "endsAt" timestamptz, location text, capacity int)
     RETURNING ${COLUMNS}`,
    [actor.institutionId, body.departmentId, JSON.stringify(body.slots)],
  );
  return rows;
}
