import type {
  ReferralListPage,
  ReferralListQuery,
  ReferralStatus,
  WorklistItem as ApiWorklistItem,
} from '@tiered-care/common';
import { audit, auditList, NotFound, type Actor, type Db } from '@tiered-care/platform';
import type { z } from 'zod';
import { isOverdue } from './dueTime';
import { loadReferralRow, referralDetail, type ReferralDetail } from './referralRow';
import { boxCountsQuery, encodeCursor, worklistPageQuery } from './worklistQuery';

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

/** One worklist row as the API sends it (the common schema's shape). */
export type WorklistItem = z.input<typeof ApiWorklistItem>;

/**
 * A page of a worklist. counts: open work per status in this box, ignoring the other filters (the
 * tab counts). Final statuses are not counted (tens of thousands of completed referrals would
 * cost every page).
 */
export type Worklist = z.input<typeof ReferralListPage>;

/** The coordinator's worklists. Keyset pagination (no OFFSET) so page 500 costs what page 1 does. */
export async function listReferrals(db: Db, actor: Actor, q: ReferralListQuery): Promise<Worklist> {
  const page = worklistPageQuery(q, actor.institutionId, new Date());
  const { rows } = await db.query<
    WorklistItem & { decisionDueAt: Date | null; cursor_rank: number; cursor_ts: string }
  >(page.text, page.values);
  const shown = rows.slice(0, q.limit);
  const last = shown[shown.length - 1];
  const items = shown.map(({ cursor_rank: _r, cursor_ts: _t, ...item }) => ({
    ...item,
    overdue: isOverdue(item.status, item.decisionDueAt),
  }));
  const countsSql = boxCountsQuery(q.box, actor.institutionId);
  const countRows = await db.query<{ status: ReferralStatus | 'overdue'; n: number }>(
    countsSql.text,
    countsSql.values,
  );
  const counts: Worklist['counts'] = { overdue: 0 };
  for (const { status, n } of countRows.rows) (counts as Record<string, number>)[status] = n;
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
