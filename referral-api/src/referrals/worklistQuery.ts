// The SQL of a worklist page and of its tab counts, built from the validated query. Kept apart
// from the handler so the benchmark's "raw pg" path runs exactly these statements.
import { OPEN_STATUSES, type ReferralListQuery } from '@tiered-care/common';
import { z } from 'zod';
import { cursorCodec } from '../db/cursor';
import { containsPattern } from '../db/like';

export interface Cursor {
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

const codec = cursorCodec(CursorShape);
export const decodeCursor = (s: string): Cursor => codec.decode(s);
export const encodeCursor = (c: Cursor): string => codec.encode(c);

export interface Sql {
  text: string;
  values: unknown[];
}

const boxColumnOf = (box: ReferralListQuery['box']) =>
  box === 'incoming' ? 'r.to_institution_id' : 'r.from_institution_id';

/**
 * One page (limit + 1 rows, to know whether there is a next one). `urgency`: emergency first,
 * then oldest waiting first; `newest`: newest first.
 */
export function worklistPageQuery(q: ReferralListQuery, institutionId: string | null, now: Date): Sql {
  // Urgency ranks work still to do; across all statuses it would put last year's completed
  // emergencies first, so without a status filter the default is newest first.
  const sort =
    q.sort ?? (q.box === 'incoming' && (q.status?.length || q.overdue === 'true') ? 'urgency' : 'newest');
  const filtered = q.status?.length || q.priority || q.overdue || q.appointmentDate;
  if (q.q && !filtered && sort === 'newest') return searchPageQuery(q, q.q, institutionId);
  const values: unknown[] = [institutionId];
  const where = [`${boxColumnOf(q.box)} = $1`];
  const add = (sql: (n: string) => string, value: unknown) => {
    values.push(value);
    where.push(sql(`$${values.length}`));
  };
  // One status as an equality, so the (institution, status, order…) index yields the order.
  if (q.status?.length === 1) add((p) => `r.status = ${p}`, q.status[0]);
  else if (q.status?.length) add((p) => `r.status = ANY(${p}::text[])`, q.status);
  if (q.priority) add((p) => `r.priority = ${p}`, q.priority);
  if (q.overdue === 'true') add((p) => `r.status = 'submitted' AND r.decision_due_at < ${p}`, now);
  if (q.overdue === 'false') add((p) => `NOT (r.status = 'submitted' AND r.decision_due_at < ${p})`, now);
  if (q.appointmentDate) {
    add(
      (p) => `r.appointment_at >= (${p}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
      AND r.appointment_at < ((${p}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
      q.appointmentDate,
    );
  }
  if (q.q) {
    add(
      (p) =>
        // A referral whose patient is out of reach is found by its number only: matching the
        // name or diagnosis it no longer shows would tell them anyway.
        `(r.referral_no ILIKE ${p} OR (p.id IS NOT NULL AND (p.name ILIKE ${p} OR r.diagnosis_code ILIKE ${p} OR r.diagnosis_text ILIKE ${p})))`,
      containsPattern(q.q),
    );
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    values.push(c.t, c.i);
    const [t, i] = [`$${values.length - 1}::timestamptz`, `$${values.length}::uuid`];
    if (sort === 'urgency') {
      values.push(c.r);
      where.push(`(r.urgency_order, r.created_at, r.id) > ($${values.length}::smallint, ${t}, ${i})`);
    } else {
      where.push(`(r.created_at, r.id) < (${t}, ${i})`);
    }
  }
  const order = sort === 'urgency' ? 'r.urgency_order, r.created_at, r.id' : 'r.created_at DESC, r.id DESC';
  values.push(q.limit + 1);
  return pageSql(
    `SELECT r.* FROM referrals r ${q.q ? 'LEFT JOIN patients p ON p.id = r.patient_id' : ''}
       WHERE ${where.join(' AND ')}`,
    order,
    values,
  );
}

/** The page chosen by `source` (rows of referrals, as r), with what the worklist shows of each. */
function pageSql(source: string, order: string, values: unknown[]): Sql {
  const text = `WITH page AS MATERIALIZED (
       ${source}
       ORDER BY ${order} LIMIT $${values.length})
     SELECT r.id, r.referral_no AS "referralNo", r.status, r.direction, r.type, r.priority, r.version,
            CASE WHEN p.id IS NULL THEN 'ended' ELSE 'open' END AS "patientAccess",
            p.name AS "patientName", p.gender AS "patientGender", to_char(p.birth_date, 'YYYY-MM-DD') AS "patientBirthDate",
            fi.name AS "fromInstitutionName", ti.name AS "toInstitutionName", td.name AS "toDepartmentName",
            CASE WHEN p.id IS NOT NULL THEN json_build_object('code', r.diagnosis_code, 'text', r.diagnosis_text) END AS diagnosis,
            r.created_at AS "createdAt", r.submitted_at AS "submittedAt", r.decision_due_at AS "decisionDueAt",
            r.appointment_at AS "appointmentAt", r.urgency_order AS cursor_rank, r.created_at::text AS cursor_ts
     FROM page r
     LEFT JOIN patients p ON p.id = r.patient_id
     JOIN institutions fi ON fi.id = r.from_institution_id
     JOIN institutions ti ON ti.id = r.to_institution_id
     LEFT JOIN departments td ON td.id = r.to_department_id
     ORDER BY ${order}`;
  return { text, values };
}

/**
 * A search alone, newest first (the search box): the candidates come from referral_search
 * (migration 020), which uses the trigram and prefix indexes that row-level security keeps a
 * query run as the caller from using, already past the cursor and cut at the page size; the page
 * is then read here as the caller, under every policy.
 */
function searchPageQuery(q: ReferralListQuery, term: string, institutionId: string | null): Sql {
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  const prefix = `${term.toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const values: unknown[] = [
    institutionId,
    q.box,
    containsPattern(term),
    prefix,
    cursor?.t ?? null,
    cursor?.i ?? null,
  ];
  values.push(q.limit + 1);
  return pageSql(
    `SELECT r.* FROM referral_search($2, $3, $4, $5::timestamptz, $6::uuid, $7) s
       JOIN referrals r ON r.id = s.id WHERE ${boxColumnOf(q.box)} = $1`,
    'r.created_at DESC, r.id DESC',
    values,
  );
}

/**
 * Open work per status in a box, plus the overdue count: the tab counts. Final statuses are not
 * counted (tens of thousands of completed referrals would cost every page).
 */
export function boxCountsQuery(box: ReferralListQuery['box'], institutionId: string | null): Sql {
  const col = boxColumnOf(box);
  return {
    text: `SELECT status, count(*) AS n FROM referrals r WHERE ${col} = $1 AND r.status = ANY($2::text[])
       GROUP BY status
       UNION ALL
       SELECT 'overdue', count(*) FROM referrals r WHERE ${col} = $1 AND r.status = 'submitted' AND r.decision_due_at < now()`,
    values: [institutionId, OPEN_STATUSES],
  };
}
