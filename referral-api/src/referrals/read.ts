import type { ReferralListQuery, ReferralStatus } from '@tiered-care/common';
import { z } from 'zod';
import { audit, auditList } from '../audit/audit';
import type { Actor } from '../db/context';
import { containsPattern } from '../db/like';
import type { Db } from '../db/tx';
import { Invalid, NotFound } from '../errors';
import { isOverdue } from './dueTime';
import { loadReferralRow, referralDetail, type ReferralDetail } from './model';

export async function getReferral(db: Db, actor: Actor, id: string): Promise<ReferralDetail> {
  const row = await loadReferralRow(db, id);
  if (!row) throw NotFound('referral');
  await audit(db, actor, {
    action: 'referral.read',
    entityType: 'referral',
    entityId: id,
    referralId: id,
    patientId: row.patient_id,
  });
  return referralDetail(db, actor, row);
}

export interface WorklistItem {
  id: string;
  referralNo: string;
  status: ReferralStatus;
  direction: string;
  type: string;
  priority: string;
  version: number;
  patientName: string;
  patientGender: string;
  patientBirthDate: string;
  fromInstitutionName: string;
  toInstitutionName: string;
  toDepartmentName: string | null;
  diagnosis: { code: string; text: string };
  createdAt: Date;
  submittedAt: Date | null;
  decisionDueAt: Date | null;
  overdue: boolean;
  appointmentAt: Date | null;
}

export interface Worklist {
  items: WorklistItem[];
  nextCursor: string | null;
  /** Per status in this box, ignoring the other filters: the tab counts. */
  counts: Partial<Record<ReferralStatus, number>> & { overdue: number };
}

interface Cursor {
  r: number;
  t: string;
  i: string;
}

// The values go into SQL casts: anything but what we issue must be refused here, not by the cast.
const CursorShape = z.strictObject({
  r: z.number().int().min(1).max(3),
  t: z.string().refine((t) => !Number.isNaN(Date.parse(t))),
  i: z.uuid(),
});

function decodeCursor(s: string): Cursor {
  try {
    const parsed = CursorShape.safeParse(JSON.parse(Buffer.from(s, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: same answer as any other foreign cursor
  }
  throw Invalid('invalid_cursor', 'the cursor is not one this API returned');
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

/**
 * The coordinator's worklists. Keyset pagination (no OFFSET) so page 500 costs what page 1 does.
 * `urgency`: emergency first, then oldest waiting first; `newest`: newest first.
 */
export async function listReferrals(db: Db, actor: Actor, q: ReferralListQuery): Promise<Worklist> {
  const boxColumn = q.box === 'incoming' ? 'r.to_institution_id' : 'r.from_institution_id';
  const sort = q.sort ?? (q.box === 'incoming' ? 'urgency' : 'newest');
  const params: unknown[] = [actor.institutionId];
  const where = [`${boxColumn} = $1`];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (q.status?.length) add((p) => `r.status = ANY(${p}::text[])`, q.status);
  if (q.priority) add((p) => `r.priority = ${p}`, q.priority);
  if (q.overdue === 'true') add((p) => `r.status = 'submitted' AND r.decision_due_at < ${p}`, new Date());
  if (q.overdue === 'false')
    add((p) => `NOT (r.status = 'submitted' AND r.decision_due_at < ${p})`, new Date());
  if (q.appointmentDate) {
    add(
      (p) => `r.appointment_at >= (${p}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
      AND r.appointment_at < ((${p}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
      q.appointmentDate,
    );
  }
  if (q.q) {
    const like = containsPattern(q.q);
    add(
      (p) =>
        `(p.name ILIKE ${p} OR r.referral_no ILIKE ${p} OR r.diagnosis_code ILIKE ${p} OR r.diagnosis_text ILIKE ${p})`,
      like,
    );
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    params.push(c.t, c.i);
    const [t, i] = [`$${params.length - 1}::timestamptz`, `$${params.length}::uuid`];
    if (sort === 'urgency') {
      params.push(c.r);
      const r = `$${params.length}::smallint`;
      where.push(
        `(r.priority_rank < ${r} OR (r.priority_rank = ${r} AND (r.created_at, r.id) > (${t}, ${i})))`,
      );
    } else {
      where.push(`(r.created_at, r.id) < (${t}, ${i})`);
    }
  }
  const order =
    sort === 'urgency' ? 'r.priority_rank DESC, r.created_at ASC, r.id ASC' : 'r.created_at DESC, r.id DESC';
  params.push(q.limit + 1);
  const { rows } = await db.query<WorklistItem & { cursor_rank: number; cursor_ts: string }>(
    `SELECT r.id, r.referral_no AS "referralNo", r.status, r.direction, r.type, r.priority, r.version,
            p.name AS "patientName", p.gender AS "patientGender", to_char(p.birth_date, 'YYYY-MM-DD') AS "patientBirthDate",
            fi.name AS "fromInstitutionName", ti.name AS "toInstitutionName", td.name AS "toDepartmentName",
            json_build_object('code', r.diagnosis_code, 'text', r.diagnosis_text) AS diagnosis,
            r.created_at AS "createdAt", r.submitted_at AS "submittedAt", r.decision_due_at AS "decisionDueAt",
            r.appointment_at AS "appointmentAt", r.priority_rank AS cursor_rank, r.created_at::text AS cursor_ts
     FROM referrals r
     JOIN patients p ON p.id = r.patient_id
     JOIN institutions fi ON fi.id = r.from_institution_id
     JOIN institutions ti ON ti.id = r.to_institution_id
     LEFT JOIN departments td ON td.id = r.to_department_id
     WHERE ${where.join(' AND ')}
     ORDER BY ${order} LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const items = page.map(({ cursor_rank: _r, cursor_ts: _t, ...item }) => ({
    ...item,
    overdue: isOverdue(item.status, item.decisionDueAt),
  }));
  const counts = await boxCounts(db, boxColumn, actor.institutionId);
  await auditList(
    db,
    actor,
    'referral.list',
    'referral',
    items.map((i) => i.id),
    { box: q.box },
  );
  return {
    items,
    nextCursor:
      rows.length > q.limit && last
        ? encodeCursor({ r: last.cursor_rank, t: last.cursor_ts, i: last.id })
        : null,
    counts,
  };
}

async function boxCounts(
  db: Db,
  boxColumn: string,
  institutionId: string | null,
): Promise<Worklist['counts']> {
  const { rows } = await db.query<{ status: ReferralStatus | 'overdue'; n: number }>(
    `SELECT status, count(*) AS n FROM referrals r WHERE ${boxColumn} = $1 GROUP BY status
     UNION ALL
     SELECT 'overdue', count(*) FROM referrals r WHERE ${boxColumn} = $1 AND r.status = 'submitted' AND r.decision_due_at < now()`,
    [institutionId],
  );
  const counts: Worklist['counts'] = { overdue: 0 };
  for (const { status, n } of rows) (counts as Record<string, number>)[status] = n;
  return counts;
}
