// The SQL of a diagnosis worklist page, in segments. Incoming (the reading worklist): the open
// requests first, most urgent first (overdue, then priority, then due time: a small set on a
// partial index, sorted in the query), then the closed ones newest first; outgoing: newest first.
// The cursor names the segment and the last row's keys, plus the moment "overdue" was judged at,
// so a page boundary doesn't move while the reader pages. Kept apart from the handler so the
// benchmark runs exactly these statements.
import type { DiagnosisListQuery, DiagnosisStatus } from '@tiered-care/common';
import { z } from 'zod';
import { cursorCodec } from '../db/cursor';
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

export const { decode: decodeCursor, encode: encodeCursor } = cursorCodec(CursorShape);

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
  // The caller's centres as one array (an InitPlan), so the centre is an index condition.
  const where =
    q.box === 'incoming'
      ? ['d.centre_id = ANY (ARRAY(SELECT app_reading_centres()))']
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
  let outerOrder: string;
  if (part.segment === 'urgent') {
    const at = add(now);
    const late = `CASE WHEN d.due_at < ${at} THEN 0 ELSE 1 END`;
    keys = `${late} AS "kO", -d.priority_rank AS "kR", d.due_at AS "kT"`;
    order = `${late}, -d.priority_rank, d.due_at, d.id`;
    outerOrder = 'k."kO", k."kR", k."kT", k.id';
    if (after)
      where.push(
        `(${late}, -d.priority_rank, d.due_at, d.id) > (${add(after.o)}::int, ${add(after.r)}::int, ${add(after.t)}::timestamptz, ${add(after.i)}::uuid)`,
      );
  } else {
    keys = `0 AS "kO", -1 AS "kR", d.requested_at AS "kT"`;
    order = 'd.requested_at DESC, d.id DESC';
    outerOrder = 'k."kT" DESC, k.id DESC';
    if (after) where.push(`(d.requested_at, d.id) < (${add(after.t)}::timestamptz, ${add(after.i)}::uuid)`);
  }
  // The page's ids first (the open set sorted, or the closed ones read in index order), then the
  // heading's joins and the patients policy for those rows only.
  return {
    text: `SELECT ${HEADING_SQL}, d.patient_id AS "patientId", k."kO", k."kR", k."kT"
      FROM (SELECT d.id, ${keys} FROM diagnosis_requests d
        WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${add(limit)}) k
      JOIN diagnosis_requests d ON d.id = k.id
      ${HEADING_JOINS}
      ORDER BY ${outerOrder}`,
    values,
  };
}

/**
 * Per status in the box (the status filter aside) from the trigger-kept counts, plus `overdue`:
 * open work past due now (the open set, on its partial index). A reader's own work (`mine`) is
 * counted from the requests themselves, on the claimed_by index.
 */
export function countsQuery(
  q: DiagnosisListQuery,
  who: { userId: string; institutionId: string | null },
  now: Date,
): Sql {
  const { values, where, add } = filters({ ...q, overdue: undefined }, who.userId, who.institutionId, now);
  const at = add(now);
  const late = `SELECT 'overdue', count(*)::integer FROM diagnosis_requests d
      WHERE ${where.join(' AND ')} AND d.status = ANY('{requested,claimed,reported}') AND d.due_at < ${at}`;
  if (q.mine === 'true')
    return {
      text: `SELECT d.status, count(*)::integer AS n FROM diagnosis_requests d WHERE ${where.join(' AND ')}
        GROUP BY d.status UNION ALL ${late}`,
      values,
    };
  const box =
    q.box === 'incoming'
      ? 'c.centre_id = ANY (ARRAY(SELECT app_reading_centres()))'
      : `c.from_institution_id = ${add(who.institutionId)}`;
  const kind = q.kind ? ` AND c.kind = ${add(q.kind)}` : '';
  return {
    text: `SELECT c.status, sum(c.n)::integer AS n FROM diagnosis_box_counts c WHERE ${box}${kind}
      GROUP BY c.status UNION ALL ${late}`,
    values,
  };
}
