// GET /api/diagnosis-stats: per reading centre, month (Asia/Shanghai), kind and priority: requests,
// turnaround (request to final signature) median and 90th percentile, the overdue share and
// critical findings. Read from diagnosis_facts(), which returns no patient column: the regional
// administrator sees the whole consortium's figures and never patient data.
import type { DiagnosisStats, DiagnosisStatsQuery } from '@tiered-care/common';
import { audit, Forbidden, hasRole, type Actor, type Db } from '@tiered-care/platform';

const month = (d: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(
    d,
  );

export async function diagnosisStats(db: Db, actor: Actor, q: DiagnosisStatsQuery): Promise<DiagnosisStats> {
  if (!actor.institutionId && !hasRole(actor, 'regional_admin'))
    throw Forbidden('role_required', 'statistics are for institution staff and regional administrators');
  const to = q.to ?? month(new Date());
  const [y, m] = to.split('-').map(Number) as [number, number];
  const first = y * 12 + (m - 1) - 11;
  const from = q.from ?? `${Math.floor(first / 12)}-${String((first % 12) + 1).padStart(2, '0')}`;
  const minutes = 'extract(epoch FROM f.signed_at - f.requested_at) / 60';
  const { rows } = await db.query<DiagnosisStats['rows'][number]>(
    `SELECT to_char(f.requested_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
       json_build_object('id', i.id, 'name', i.name) AS institution,
       json_build_object('id', dp.id, 'name', dp.name) AS department,
       f.kind, f.priority, count(*)::int AS requests,
       count(f.signed_at)::int AS signed,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ${minutes}))::numeric, 1)::float8 AS "turnaroundMedianMinutes",
       round((percentile_cont(0.9) WITHIN GROUP (ORDER BY ${minutes}))::numeric, 1)::float8 AS "turnaroundP90Minutes",
       round((count(*) FILTER (WHERE f.status <> 'cancelled' AND coalesce(f.signed_at, now()) > f.due_at))::numeric
         / count(*), 4)::float8 AS "overdueShare",
       count(*) FILTER (WHERE f.critical)::int AS critical
     FROM diagnosis_facts((($1 || '-01')::date)::timestamp AT TIME ZONE 'Asia/Shanghai',
       ((($2 || '-01')::date + interval '1 month'))::timestamp AT TIME ZONE 'Asia/Shanghai') f
     JOIN institutions i ON i.id = f.to_institution_id
     JOIN departments dp ON dp.id = f.to_department_id
     WHERE $3::uuid IS NULL OR f.to_institution_id = $3 OR f.from_institution_id = $3
     GROUP BY 1, i.id, i.name, dp.id, dp.name, f.kind, f.priority, i.code, dp.code
     ORDER BY 1, i.code, dp.code, f.kind, f.priority`,
    [from, to, q.institutionId ?? null],
  );
  await audit(db, actor, { action: 'stats.diagnosis', entityType: 'stats', details: { from, to } });
  return { from, to, rows };
}
