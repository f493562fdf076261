// Bulk data that resembles a year of production: set-based INSERT … SELECT generate_series as
// the owner (who is not subject to row-level security), one transaction, then VACUUM ANALYZE.
import pg from 'pg';

export interface LoadResult {
  seconds: number;
  patients: number;
  referrals: number;
}

// Allowed routes of the demo consortium (src/demo/data.ts) with their share of the traffic:
// most referrals go up from the community centres to the city hospital, a few come back down.
// [from, to, share, sender, decider at the receiving side]
const MIX: [string, string, number, string, string][] = [
  ['C1', 'H1', 0.35, 'doctor.c1', 'coordinator.h1'],
  ['C2', 'H1', 0.3, 'doctor.c2', 'coordinator.h1'],
  ['C1', 'H2', 0.1, 'doctor.c1', 'coordinator.h2'],
  ['C2', 'H2', 0.1, 'doctor.c2', 'coordinator.h2'],
  ['H2', 'H1', 0.05, 'specialist.h2', 'coordinator.h1'],
  ['H1', 'C1', 0.03, 'specialist.h1', 'coordinator.c1'],
  ['H1', 'C2', 0.03, 'specialist.h1', 'doctor.c2'],
  ['H2', 'C1', 0.02, 'specialist.h2', 'coordinator.c1'],
  ['H2', 'C2', 0.02, 'specialist.h2', 'doctor.c2'],
];

// Patients are registered where the referral starts: [institution, count, registering user].
const PATIENTS: [string, number, string][] = [
  ['C1', 1200, 'doctor.c1'],
  ['C2', 1200, 'doctor.c2'],
  ['H1', 300, 'specialist.h1'],
  ['H2', 300, 'specialist.h2'],
];

function routeValues(): string {
  let lo = 0;
  return MIX.map(([from, to, share, sender, decider], k) => {
    // The last bucket ends at exactly 1, whatever the floating-point sum of the shares.
    const hi = k === MIX.length - 1 ? 1 : lo + share;
    const row = `('${from}', '${to}', ${lo}::float8, ${hi}::float8, '${sender}', '${decider}')`;
    lo = hi;
    return row;
  }).join(',\n');
}

const SURNAMES = "ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','马','朱','胡','郭']";
const GIVEN = "ARRAY['秀英','桂兰','建国','德明','淑芬','志强','丽华','国华','玉兰','海燕','建华','春梅']";
const DX_CODES = "ARRAY['I20.0','I10','E11.9','J18.9','I63.9','J44.1','K80.2','I25.1','N18.3','C34.9']";
const DX_TEXTS =
  "ARRAY['不稳定型心绞痛','原发性高血压','2型糖尿病','肺炎','脑梗死','慢性阻塞性肺病急性加重','胆囊结石','冠状动脉粥样硬化性心脏病','慢性肾脏病3期','肺恶性肿瘤待查']";
const SUMMARY =
  '患者既往高血压病史10年，规律服药。近期症状加重，基层已完成血常规、心电图及胸片检查，结果见附件。目前生命体征平稳，已予对症处理，建议上级医院进一步评估并制定治疗方案。';

// Status mix by cumulative share: mostly completed, ~4% waiting for a decision.
const STATUS = `CASE
  WHEN u_status < 0.01 THEN 'draft' WHEN u_status < 0.05 THEN 'submitted'
  WHEN u_status < 0.06 THEN 'info_requested' WHEN u_status < 0.12 THEN 'accepted'
  WHEN u_status < 0.17 THEN 'scheduled' WHEN u_status < 0.20 THEN 'checked_in'
  WHEN u_status < 0.22 THEN 'no_show' WHEN u_status < 0.28 THEN 'rejected'
  WHEN u_status < 0.31 THEN 'cancelled' ELSE 'completed' END`;

// Waiting referrals are recent (skewed towards the last hours, so only some are overdue), open
// ones within the last month, closed ones anywhere in the last 12 months.
const AGE = `CASE
  WHEN status = 'submitted' THEN interval '4 days' * u_age * u_age
  WHEN status IN ('draft', 'info_requested', 'accepted', 'scheduled', 'checked_in') THEN interval '30 days' * u_age
  ELSE interval '365 days' * u_age END`;

const REFERRALS = `
WITH g AS MATERIALIZED (
  SELECT i, random() AS u_route, random() AS u_status, random() AS u_prio, random() AS u_age,
         random() AS u_pat, random() AS u_dept, random() AS u_dx, random() AS u_type, random() AS u_dec
  FROM generate_series(1, $1::int) i
), s AS (
  SELECT g.*, br.*, ${STATUS} AS status,
    CASE WHEN u_prio < 0.05 THEN 'emergency' WHEN u_prio < 0.25 THEN 'urgent' ELSE 'routine' END AS priority
  FROM g JOIN bench_route br ON g.u_route >= br.lo AND g.u_route < br.hi
), t AS (
  SELECT s.*, now() - ${AGE} AS created,
    CASE priority WHEN 'emergency' THEN interval '2 hours' WHEN 'urgent' THEN interval '24 hours'
      ELSE interval '72 hours' END AS win,
    1 + floor(u_dx * 10)::int AS dx
  FROM s
), d AS (
  SELECT t.*,
    CASE WHEN status IN ('accepted','scheduled','checked_in','completed','no_show','rejected')
      THEN created + least(win * u_dec, (now() - created) * 0.5) END AS decided
  FROM t
), a AS (
  SELECT d.*,
    CASE WHEN status = 'scheduled' THEN now() + interval '1 day' * (1 + floor(u_dec * 14))
      WHEN status IN ('checked_in','completed','no_show') THEN decided + (now() - decided) * 0.3 END AS appt
  FROM d
)
INSERT INTO referrals (referral_no, direction, type, priority, status, version, patient_id,
  from_institution_id, from_department_id, from_user_id, to_institution_id, to_department_id,
  reason, diagnosis_code, diagnosis_text, summary, submitted_at, decision_due_at, decided_at, decided_by,
  info_question, reject_reason_code, reject_note, appointment_at, appointment_location, check_in_code,
  checked_in_at, completed_at, feedback, cancel_reason, created_at, updated_at)
SELECT
  'ZZ' || to_char(created AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad((i + 1000)::text, 6, '0'),
  direction,
  CASE WHEN u_type < 0.6 THEN 'outpatient' WHEN u_type < 0.9 THEN 'inpatient' ELSE 'examination' END,
  priority, status,
  CASE status WHEN 'draft' THEN 1 WHEN 'submitted' THEN 1 WHEN 'scheduled' THEN 3 WHEN 'checked_in' THEN 4
    WHEN 'no_show' THEN 4 WHEN 'completed' THEN 5 ELSE 2 END,
  p.id, from_inst, from_dept, from_user, to_inst,
  CASE WHEN cardinality(to_depts) > 0 THEN to_depts[1 + floor(u_dept * cardinality(to_depts))::int] END,
  CASE direction WHEN 'up' THEN '基层无法完成进一步检查，申请上级医院评估' ELSE '病情稳定，转回基层继续康复及随访' END,
  (${DX_CODES})[dx], (${DX_TEXTS})[dx], '${SUMMARY}',
  CASE WHEN status <> 'draft' THEN created END,
  CASE WHEN status <> 'draft' THEN created + win END,
  decided, CASE WHEN decided IS NOT NULL THEN decider END,
  CASE WHEN status = 'info_requested' THEN '请补充近期心脏彩超及血脂检查结果' END,
  CASE WHEN status = 'rejected' THEN (ARRAY['duplicate','inappropriate','incomplete','capacity','other'])[1 + i % 5] END,
  CASE WHEN status = 'rejected' THEN '建议先在基层完善相关检查' END,
  appt, CASE WHEN appt IS NOT NULL THEN '门诊楼3层 转诊诊室' END,
  CASE WHEN status IN ('accepted','scheduled','checked_in','completed','no_show')
    THEN 'B' || upper(lpad(to_hex(i), 7, '0')) END,
  CASE WHEN status IN ('checked_in','completed') THEN appt END,
  CASE WHEN status = 'completed' THEN appt + (now() - appt) * 0.3 END,
  CASE WHEN status = 'completed' THEN jsonb_build_object('diagnosis', (${DX_TEXTS})[dx],
    'treatment', '住院治疗7天，症状缓解后出院', 'advice', '基层继续规律用药，每月随访一次') END,
  CASE WHEN status = 'cancelled' THEN '患者选择其他医院就诊' END,
  created,
  greatest(created, decided, CASE WHEN status IN ('checked_in','completed','no_show') THEN appt END)
FROM a
JOIN bench_patient_count pc ON pc.inst = a.from_inst
JOIN bench_patient p ON p.inst = a.from_inst AND p.k = 1 + floor(a.u_pat * pc.n)::int`;

export async function loadReferrals(ownerUrl: string, count: number): Promise<LoadResult> {
  const started = process.hrtime.bigint();
  const db = new pg.Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    await db.query(`CREATE TEMP TABLE bench_route ON COMMIT DROP AS
      SELECT v.lo, v.hi, f.id AS from_inst, t.id AS to_inst, rt.direction, u.id AS from_user,
             u.department_id AS from_dept, dec.id AS decider,
             ARRAY(SELECT d.id FROM departments d WHERE d.institution_id = t.id ORDER BY d.code) AS to_depts
      FROM (VALUES ${routeValues()}) v(f, t, lo, hi, sender, decider)
      JOIN institutions f ON f.code = v.f JOIN institutions t ON t.code = v.t
      JOIN referral_routes rt ON rt.from_institution_id = f.id AND rt.to_institution_id = t.id
      JOIN users u ON u.username = v.sender JOIN users dec ON dec.username = v.decider`);
    const routes = await db.query('SELECT 1 FROM bench_route');
    if (routes.rowCount !== MIX.length) throw new Error('a benchmark route is not an allowed demo route');

    // Identity numbers are random bytes here: nothing in the benchmark decrypts them.
    const patientRanges = PATIENTS.map(([inst, n, by], k) => {
      const lo = PATIENTS.slice(0, k).reduce((sum, p) => sum + p[1], 1);
      return `('${inst}', ${lo}, ${lo + n - 1}, '${by}')`;
    }).join(', ');
    const patients = await db.query(
      `INSERT INTO patients (institution_id, name, gender, birth_date, id_number_enc, id_number_hash,
         id_number_last4, phone, created_by, created_at)
       SELECT i.id, (${SURNAMES})[1 + n % 16] || (${GIVEN})[1 + (n / 16) % 12],
         CASE WHEN n % 2 = 0 THEN 'female' ELSE 'male' END, date '1935-01-01' + (random() * 30000)::int,
         sha256(('bench-enc-' || n)::bytea) || sha256(('bench-iv-' || n)::bytea),
         sha256(('bench-patient-' || n)::bytea), lpad((n % 10000)::text, 4, '0'),
         '139' || lpad(n::text, 8, '0'), u.id, now() - interval '400 days' * random()
       FROM generate_series(1, ${PATIENTS.reduce((s, p) => s + p[1], 0)}) n
       JOIN (VALUES ${patientRanges}) v(inst, lo, hi, creator) ON n BETWEEN v.lo AND v.hi
       JOIN institutions i ON i.code = v.inst JOIN users u ON u.username = v.creator`,
    );
    // Numbered per institution so each referral can pick one of its sender's patients by index.
    await db.query(`CREATE TEMP TABLE bench_patient ON COMMIT DROP AS
      SELECT institution_id AS inst, row_number() OVER (PARTITION BY institution_id ORDER BY id)::int AS k, id
      FROM patients`);
    await db.query(`CREATE TEMP TABLE bench_patient_count ON COMMIT DROP AS
      SELECT inst, count(*)::int AS n FROM bench_patient GROUP BY inst`);
    await db.query('CREATE INDEX ON bench_patient (inst, k)');
    await db.query('ANALYZE bench_patient');

    const referrals = await db.query(REFERRALS, [count]);
    if (referrals.rowCount !== count)
      throw new Error(`loaded ${String(referrals.rowCount)} referrals, not ${count}`);
    // The history every referral starts with: its creation (drafts) or submission.
    await db.query(`INSERT INTO referral_events (referral_id, action, from_status, to_status,
        actor_user_id, actor_institution_id, at, details)
      SELECT r.id, CASE WHEN r.status = 'draft' THEN 'create' ELSE 'submit' END, NULL,
        CASE WHEN r.status = 'draft' THEN 'draft' ELSE 'submitted' END,
        r.from_user_id, r.from_institution_id, coalesce(r.submitted_at, r.created_at), '{}'
      FROM referrals r WHERE NOT EXISTS (SELECT 1 FROM referral_events e WHERE e.referral_id = r.id)`);
    // Keep the app's referral numbers clear of the bench rows' ones.
    await db.query("SELECT setval('referral_no_seq', greatest(200000, last_value)) FROM referral_no_seq");
    await db.query('COMMIT');
    // VACUUM as well as ANALYZE: a table this size in production has been vacuumed by
    // autovacuum, and without a visibility map index-only scans would look worse than they are.
    await db.query('VACUUM (ANALYZE) patients, referrals, referral_events');
    return {
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      patients: patients.rowCount ?? 0,
      referrals: count,
    };
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await db.end();
  }
}
