// Regional statistics. They read referral_facts(), a definer function that returns no patient
// column at all: regional administrators get figures and never patient data.
import type {
  Figures,
  InstitutionFigures,
  MonthFigures,
  ReferralStats,
  StatsQuery,
} from '@tiered-care/common';
import { audit, Forbidden, hasRole, Invalid, type Actor, type Db } from '@tiered-care/platform';

const DAY = 86_400_000;
const shanghaiDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);

// Aggregates shared by every grouping; `f` is the facts row.
const FIGURES = `
  count(*)::int AS total,
  count(*) FILTER (WHERE f.direction = 'up')::int AS up,
  count(*) FILTER (WHERE f.direction = 'down')::int AS down,
  count(*) FILTER (WHERE f.accepted)::int AS accepted,
  count(*) FILTER (WHERE f.status = 'rejected')::int AS rejected,
  count(*) FILTER (WHERE f.status = 'redirected')::int AS redirected,
  round((count(*) FILTER (WHERE f.accepted))::numeric
    / nullif(count(*) FILTER (WHERE f.accepted OR f.status IN ('rejected', 'redirected')), 0), 4)::float8 AS "acceptanceRate",
  round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.decided_at - f.submitted_at) / 3600)
    FILTER (WHERE f.decided_at IS NOT NULL AND f.submitted_at IS NOT NULL))::numeric, 2)::float8 AS "medianHoursToDecision",
  count(*) FILTER (WHERE f.status = 'submitted' AND f.decision_due_at < now())::int AS overdue`;

export async function referralStats(db: Db, actor: Actor, q: StatsQuery): Promise<ReferralStats> {
  if (!actor.institutionId && !hasRole(actor, 'regional_admin')) {
    throw Forbidden('role_required', 'statistics are for institution staff and regional administrators');
  }
  const to = q.to ?? shanghaiDate(new Date());
  const from = q.from ?? shanghaiDate(new Date(Date.parse(to) - 365 * DAY));
  if (from > to) throw Invalid('invalid_range', '`from` must not be after `to`');
  // Whole days in China Standard Time, `to` inclusive.
  const params = [from, to];
  const facts = `referral_facts(($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai',
    ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') f`;

  const totals = await db.query<Figures & { byStatus: Record<string, number> | null }>(
    `SELECT ${FIGURES},
       (SELECT json_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM ${facts} GROUP BY status) s) AS "byStatus"
     FROM ${facts}`,
    params,
  );
  const byMonth = await db.query<MonthFigures>(
    `SELECT to_char(f.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, ${FIGURES}
     FROM ${facts} GROUP BY 1 ORDER BY 1`,
    params,
  );
  // Per institution: as sender (sentUp/sentDown) and as receiver (the decision figures).
  const byInstitution = await db.query<InstitutionFigures>(
    `WITH sent AS (
       SELECT f.from_institution_id AS id, count(*) FILTER (WHERE f.direction = 'up')::int AS "sentUp",
              count(*) FILTER (WHERE f.direction = 'down')::int AS "sentDown"
       FROM ${facts} GROUP BY 1),
     received AS (SELECT f.to_institution_id AS id, ${FIGURES} FROM ${facts} GROUP BY 1)
     SELECT i.id AS "institutionId", i.code, i.name, i.level,
       coalesce(s."sentUp", 0) AS "sentUp", coalesce(s."sentDown", 0) AS "sentDown",
       coalesce(r.total, 0) AS received, coalesce(r.total, 0) AS total, coalesce(r.up, 0) AS up,
       coalesce(r.down, 0) AS down, coalesce(r.accepted, 0) AS accepted, coalesce(r.rejected, 0) AS rejected,
       coalesce(r.redirected, 0) AS redirected, r."acceptanceRate", r."medianHoursToDecision",
       coalesce(r.overdue, 0) AS overdue
     FROM institutions i LEFT JOIN sent s ON s.id = i.id LEFT JOIN received r ON r.id = i.id
     WHERE s.id IS NOT NULL OR r.id IS NOT NULL OR ${hasRole(actor, 'regional_admin') ? 'TRUE' : 'i.id = $3'}
     ORDER BY i.level DESC, i.code`,
    hasRole(actor, 'regional_admin') ? params : [...params, actor.institutionId],
  );
  await audit(db, actor, { action: 'stats.read', entityType: 'stats', details: { from, to } });
  const t = totals.rows[0];
  if (!t) throw new Error('statistics query returned no row');
  return {
    range: { from, to },
    scope: hasRole(actor, 'regional_admin') ? 'region' : 'institution',
    totals: { ...t, byStatus: t.byStatus ?? {} },
    byMonth: byMonth.rows,
    byInstitution: byInstitution.rows,
  };
}
