// A remote-diagnosis request on a demo study with (optionally) one signed final version, written
// as the database owner: what the bridge's report PDF and store-back need, without going through
// the API's actions (tested on their own in referral-api). The signature is made up, so it does
// not verify.
import type { KeyImage } from '@tiered-care/common';
import type { DemoStudies } from '@tiered-care/pacs-bridge';
import type pg from 'pg';

export interface DiagnosisFixture {
  id: string;
  studyInstanceUid: string;
  impression: string;
}

export interface DiagnosisFixtureOptions {
  kind: 'ecg' | 'imaging';
  /** Default true: one final version signed by the centre's senior reader. */
  signed?: boolean;
  critical?: boolean;
  keyImages?: KeyImage[];
}

export async function insertDiagnosisRequest(
  owner: pg.Client,
  demo: DemoStudies,
  o: DiagnosisFixtureOptions,
): Promise<DiagnosisFixture> {
  const signed = o.signed ?? true;
  const study = o.kind === 'ecg' ? demo.ecg.studyInstanceUid : demo.ct.studyInstanceUid;
  const reader = o.kind === 'ecg' ? 'specialist.h1' : 'radiologist.h1';
  const { rows } = await owner.query<{ id: string }>(
    `INSERT INTO diagnosis_requests (consortium_id, kind, patient_id, study_instance_uid, modality,
       pacs_endpoint_id, requester_user_id, from_institution_id, centre_id, to_institution_id,
       to_department_id, priority, clinical_info, question, status, due_at, claimed_by, claimed_at, signed_at,
       critical)
     SELECT c.consortium_id, $1, p.id, $2, $3, $4, u.id, u.institution_id, c.id, c.institution_id,
       c.department_id, 'urgent', '胸闷两小时', '请出具诊断意见', $5, now() + interval '1 hour', r.id, now(),
       CASE WHEN $6 THEN now() END, $7
     FROM reading_centres c, users u, users r, patients p
     WHERE $1 = ANY (c.kinds) AND u.username = 'doctor.c1' AND r.username = $8 AND p.name = '张桂兰'
     RETURNING diagnosis_requests.id`,
    [
      o.kind,
      study,
      o.kind === 'ecg' ? 'ECG' : 'CT',
      demo.endpoints.region,
      signed ? 'signed' : 'claimed',
      signed,
      o.critical ?? false,
      reader,
    ],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('diagnosis request fixture: nothing inserted');
  const impression = o.kind === 'ecg' ? '窦性心律，正常心电图' : '右肺上叶小结节，建议随访';
  if (signed) {
    const content = {
      findings: o.kind === 'ecg' ? '窦性心律，各导联ST段未见明显偏移。' : '右肺上叶见小结节影。',
      impression,
      critical: o.critical ?? false,
      ...(o.kind === 'ecg'
        ? {
            ecg: {
              heartRate: 61,
              rhythm: '窦性心律',
              prMs: 159,
              qrsMs: 66,
              qtMs: 364,
              qtcMs: 367,
              axisDeg: 46,
            },
          }
        : {}),
      ...(o.keyImages ? { keyImages: o.keyImages } : {}),
    };
    await owner.query(
      `INSERT INTO diagnosis_reports (request_id, version, content, signed_by, signer_grade, signature, final)
       SELECT $1, 1, $2, id, 'senior', 'c2ln', true FROM users WHERE username = $3`,
      [id, JSON.stringify(content), reader],
    );
  }
  return { id, studyInstanceUid: study, impression };
}
