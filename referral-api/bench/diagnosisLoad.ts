// A year of remote-diagnosis traffic for the bench: `count` ECG requests to H1 心内科 from C1, C2
// and H2, about 3 000 patients of their own, set-based as the owner, then VACUUM ANALYZE. About 2 %
// are open work (requested, claimed, reported) from the last two days, a fifth of them past due;
// the rest signed, acknowledged or cancelled, spread over the year.
import pg from 'pg';

export async function loadDiagnosisRequests(ownerUrl: string, count: number): Promise<number> {
  const db = new pg.Client({ connectionString: ownerUrl });
  await db.connect();
  const started = Date.now();
  try {
    await db.query('BEGIN');
    await db.query(
      `INSERT INTO pacs_endpoints (consortium_id, name, base_url)
       SELECT id, '区域影像中心', 'http://127.0.0.1:9/dicom-web' FROM consortia ON CONFLICT DO NOTHING`,
    );
    // Bench patients: their identity columns are random bytes (never decrypted by a list).
    await db.query(
      `INSERT INTO patients (institution_id, name, gender, birth_date, id_number_enc, id_number_hash,
         id_number_last4, created_by)
       SELECT i.id, '读片患者' || g, CASE WHEN g % 2 = 0 THEN 'female' ELSE 'male' END,
         date '1950-01-01' + (g * 7) % 20000, decode(md5('enc' || i.code || g), 'hex'), decode(md5(i.code || g), 'hex'), lpad((g % 10000)::text, 4, '0'),
         (SELECT u.id FROM users u WHERE u.institution_id = i.id ORDER BY u.username LIMIT 1)
       FROM institutions i, generate_series(1, 1000) g WHERE i.code IN ('C1', 'C2', 'H2')`,
    );
    await db.query(
      `WITH centre AS (SELECT c.* FROM reading_centres c JOIN departments d ON d.id = c.department_id WHERE d.code = 'CARD'),
       pts AS (SELECT p.id, p.institution_id, row_number() OVER (ORDER BY p.id) - 1 AS k,
                 (SELECT u.id FROM users u WHERE u.institution_id = p.institution_id
                    AND ('doctor' = ANY (u.roles) OR 'specialist' = ANY (u.roles)) ORDER BY u.username LIMIT 1) AS requester
               FROM patients p WHERE p.name LIKE '读片患者%'),
       n AS (SELECT count(*) AS n FROM pts),
       reader AS (SELECT id FROM users WHERE username = 'specialist.h1'),
       g AS (
         SELECT g, CASE WHEN g % 50 = 0 THEN (ARRAY['requested','requested','requested','claimed','reported'])[1 + (g / 50) % 5]
                        WHEN g % 20 = 1 THEN 'cancelled' WHEN g % 3 = 0 THEN 'signed' ELSE 'acknowledged' END AS status,
           CASE WHEN g % 10 = 0 THEN 'emergency' WHEN g % 10 < 4 THEN 'urgent' ELSE 'routine' END AS priority,
           CASE WHEN g % 50 = 0 THEN now() - make_interval(mins => (g * 7) % 2880)
                ELSE now() - make_interval(mins => 2880 + (g * 10) % 525600) END AS requested_at
         FROM generate_series(1, $1::int) g)
       INSERT INTO diagnosis_requests (consortium_id, kind, patient_id, study_instance_uid, modality, pacs_endpoint_id,
         requester_user_id, from_institution_id, centre_id, to_institution_id, to_department_id, priority,
         clinical_info, question, status, requested_at, due_at, claimed_by, claimed_at, signed_at, critical,
         acknowledged_at, acknowledged_by, cancel_reason)
       SELECT c.consortium_id, 'ecg', p.id, '1.2.826.0.1.3680043.10.1402.' || g.g, 'ECG',
         (SELECT id FROM pacs_endpoints WHERE institution_id IS NULL LIMIT 1),
         p.requester, p.institution_id, c.id, c.institution_id, c.department_id, g.priority,
         '胸闷心悸，既往高血压', '心律失常？ST-T改变？', g.status, g.requested_at,
         g.requested_at + make_interval(mins => CASE g.priority WHEN 'emergency' THEN 15 WHEN 'urgent' THEN 60 ELSE 1440 END),
         CASE WHEN g.status IN ('claimed', 'reported', 'signed', 'acknowledged') THEN reader.id END,
         CASE WHEN g.status IN ('claimed', 'reported', 'signed', 'acknowledged') THEN g.requested_at + interval '5 minutes' END,
         CASE WHEN g.status IN ('signed', 'acknowledged') THEN g.requested_at + make_interval(mins => 5 + g.g % 1500) END,
         g.g % 97 = 0,
         CASE WHEN g.status = 'acknowledged' THEN g.requested_at + interval '2 days' END,
         CASE WHEN g.status = 'acknowledged' THEN p.requester END,
         CASE WHEN g.status = 'cancelled' THEN '重复申请' END
       FROM g CROSS JOIN centre c CROSS JOIN reader CROSS JOIN n
       JOIN pts p ON p.k = g.g % n.n`,
      [count],
    );
    await db.query('COMMIT');
    await db.query('VACUUM ANALYZE patients, diagnosis_requests');
    return (Date.now() - started) / 1000;
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await db.end();
  }
}
