// The SQL of a diagnosis worklist page, in segments. Incoming (the reading worklist): the open
// requests first, most urgent first (overdue, then priority, then due time: a small set on a
// partial index, sorted in the query), then the closed ones newest first; outgoing: newest first.
// The cursor names the segment and the last row's keys, plus the moment "overdue" was judged at,
// so a page boundary doesn't move while the reader pages. Kept apart from the handler so the
// benchmark runs exactly these statements.
import type { DiagnosisListQuery, DiagnosisStatus } from '@tiered-care/common';
import { Invalid } from '@tiered-care/platform';
import { z } from 'zod';
import { HEADING_JOINS, HEADING_SQL } from './model';

export const OPEN: DiagnosisStatus[] = ['requested', 'claimed', 'reported'];
const CLOSED: DiagnosisStatus[] = ['signed', 'acknowledged', 'cancelled'];

export type Segment = 'urgent' | 'newest';

const CursorShape = z.strictObject({
  s: z.enum(['urgent', 'newest']),
  /** Judged at: overdue means due before this. */
  n: z.iso.datetime({ offset: true }),
  o: z.number().int().min(0).max(1),
  r: z.number().int().min(-3).max(-1),
  t: z.iso.datetime({ offset: true }),
  i: z.uuid(),
});
export type Cursor = z.infer<typeof CursorShape>;

export function decodeCursor(s: string): Cursor {
  try {
    const parsed = CursorShape.safeParse(JSON.parse(Buffer.from(s, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: the same answer as any other foreign cursor
  }
  throw Invalid('invalid_cursor', 'the cursor is not one this API returned');
}
export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

export interface Sql {
  text: string;
  values: unknown[];
}

/** The segments a box shows, each with the statuses the filter leaves in it. */
export function segmentsOf(q: DiagnosisListQuery): { segment: Segment; statuses: DiagnosisStatus[] }[] {
  const wanted = (list: DiagnosisStatus[]) =>
    q.status?.length ? list.filter((s) => q.status?.includes(s)) : list;
  const parts: { segment: Segment; statuses: DiagnosisStatus[] }[] =
    q.box === 'incoming'
      ? [
          { segment: 'urgent', statuses: wanted(OPEN) },
          { segment: 'newest', statuses: wanted(CLOSED) },
        ]
      : [{ segment: 'newest', statuses: wanted([...OPEN, ...CLOSED]) }];
  return parts.filter((p) => p.statuses.length > 0);
}

/** The rows' box and filters (not the status: each segment adds its own). */
function filters(q: DiagnosisListQuery, userId: string, institutionId: string | null, now: Date) {
  const values: unknown[] = [];
  const add = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const where =
    q.box === 'incoming'
      ? ['d.centre_id IN (SELECT app_reading_centres())']
      : [`d.from_institution_id = ${add(institutionId)}`];
  if (q.kind) where.push(`d.kind = ${add(q.kind)}`);
  if (q.mine === 'true') where.push(`d.claimed_by = ${add(userId)}`);
  if (q.overdue) {
    const late = `(coalesce(d.signed_at, ${add(now)}) > d.due_at AND d.status <> 'cancelled')`;
    where.push(q.overdue === 'true' ? late : `NOT ${late}`);
  }
  return { values, where, add };
}

/** Up to `limit` rows of one segment after the cursor (if the cursor is in this segment). */
export function segmentQuery(
  q: DiagnosisListQuery,
  part: { segment: Segment; statuses: DiagnosisStatus[] },
  who: { userId: string; institutionId: string | null },
  now: Date,
  after: Cursor | null,
  limit: number,
): Sql {
  const { values, where, add } = filters(q, who.userId, who.institutionId, now);
  where.push(`d.status = ANY(${add(part.statuses)}::text[])`);
  let keys: string;
  let order: string;
  if (part.segment === 'urgent') {
    const at = add(now);
    keys = `CASE WHEN d.due_at < ${at} THEN 0 ELSE 1 END AS "kO", -d.priority_rank AS "kR", d.due_at AS "kT"`;
    order = `CASE WHEN d.due_at < ${at} THEN 0 ELSE 1 END, -d.priority_rank, d.due_at, d.id`;
    if (after)
      where.push(
        `(CASE WHEN d.due_at < ${at} THEN 0 ELSE 1 END, -d.priority_rank, d.due_at, d.id) > (${add(after.o)}::int, ${add(after.r)}::int, ${add(after.t)}::timestamptz, ${add(after.i)}::uuid)`,
      );
  } else {
    keys = `0 AS "kO", -1 AS "kR", d.requested_at AS "kT"`;
    order = 'd.requested_at DESC, d.id DESC';
    if (after) where.push(`(d.requested_at, d.id) < (${add(after.t)}::timestamptz, ${add(after.i)}::uuid)`);
  }
  return {
    text: `SELECT ${HEADING_SQL}, d.patient_id AS "patientId", ${keys}
      FROM diagnosis_requests d ${HEADING_JOINS}
      WHERE ${where.join(' AND ')}
      ORDER BY ${order} LIMIT ${add(limit)}`,
    values,
  };
}

/** Per status in the box (the status filter aside), plus `overdue`: open and past due now. */
export function countsQuery(
  q: DiagnosisListQuery,
  who: { userId: string; institutionId: string | null },
  now: Date,
): Sql {
  const { values, where, add } = filters({ ...q, overdue: undefined }, who.userId, who.institutionId, now);
  const at = add(now);
  return {
    text: `SELECT d.status, count(*)::integer AS n,
        count(*) FILTER (WHERE d.status = ANY('{requested,claimed,reported}') AND d.due_at < ${at})::integer AS late
      FROM diagnosis_requests d WHERE ${where.join(' AND ')} GROUP BY d.status`,
    values,
  };
}
