// GET /api/diagnosis-requests: the reading worklist (incoming, the caller's centres) or what the
// caller's institution sent (outgoing), one page and the counts, audited as a list read.
import { DiagnosisListItem, type DiagnosisListQuery, type DiagnosisPage } from '@tiered-care/common';
import { auditList, type Actor, type Db } from '@tiered-care/platform';
import { prepared } from '../db/prepared';
import { countsQuery, decodeCursor, encodeCursor, segmentQuery, segmentsOf, type Cursor } from './listQuery';

type PageRow = DiagnosisListItem & { patientId: string; kO: number; kR: number; kT: Date };

/** The wire row: the response schema (checked in tests) holds exactly these fields. */
const itemOf = (r: PageRow): DiagnosisListItem => DiagnosisListItem.parse(r);

export async function listDiagnosisRequests(
  db: Db,
  actor: Actor,
  q: DiagnosisListQuery,
): Promise<DiagnosisPage> {
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  const now = cursor ? new Date(cursor.n) : new Date();
  const who = { userId: actor.userId, institutionId: actor.institutionId };
  const parts = segmentsOf(q);
  const start = cursor ? parts.findIndex((p) => p.segment === cursor.s) : 0;
  const rows: (PageRow & { segment: Cursor['s'] })[] = [];
  for (const part of parts.slice(Math.max(start, 0))) {
    const after = cursor && cursor.s === part.segment ? cursor : null;
    const sql = segmentQuery(q, part, who, now, after, q.limit + 1 - rows.length);
    // Named statements: planned once per connection (the patients policy makes planning costly).
    const got = await db.query<PageRow>(prepared(sql.text, sql.values));
    rows.push(...got.rows.map((r) => ({ ...r, segment: part.segment })));
    if (rows.length > q.limit) break;
  }
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > q.limit && last
      ? encodeCursor({
          s: last.segment,
          n: now.toISOString(),
          o: last.kO,
          r: last.kR,
          t: last.kT.toISOString(),
          i: last.id,
        })
      : null;
  const counted = countsQuery(q, who, now);
  const counts: Record<string, number> = {};
  const tally = await db.query<{ status: string; n: number }>(prepared(counted.text, counted.values));
  for (const c of tally.rows) counts[c.status] = c.n;
  await auditList(
    db,
    actor,
    'diagnosis.list',
    'diagnosis_request',
    page.map((r) => r.id),
    { box: q.box, patientIds: [...new Set(page.map((r) => r.patientId))] },
  );
  return { items: page.map(itemOf), nextCursor, counts };
}
