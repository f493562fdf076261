// The store-back queue for pacs-bridge: every final report version goes into its study as a DICOM
// object. The worker runs outside any user's request (no actor): the definer functions of
// migration 021 claim versions under a 2-minute lease (FOR UPDATE SKIP LOCKED, committed before
// this returns, so no archive call runs inside a transaction) and record the outcome.
import type { DiagnosisKind, DiagnosisRequest, DiagnosisReportVersion, Priority } from '@tiered-care/common';
import type { DataCrypto } from '@tiered-care/platform';
import type pg from 'pg';
import { toReportVersion, type ReportRow } from './reports';

export const STORE_LEASE_SECONDS = 120;

export interface ReportToStore {
  requestId: string;
  version: number;
  studyInstanceUid: string;
  kind: DiagnosisKind;
  /** pacsPatientId: the identity number, which the study's PatientID must be (the bridge's rule). */
  patient: { name: string; gender: string; birthDate: string; pacsPatientId: string };
  request: Pick<
    DiagnosisRequest,
    | 'id'
    | 'kind'
    | 'priority'
    | 'modality'
    | 'requestedAt'
    | 'dueAt'
    | 'clinicalInfo'
    | 'question'
    | 'requester'
    | 'fromInstitution'
    | 'toInstitution'
    | 'toDepartment'
    | 'studyInstanceUid'
  >;
  report: DiagnosisReportVersion;
  /** The archive holding the study (credentials still encrypted under DATA_KEY). */
  endpoint: { id: string; baseUrl: string; username: string | null; passwordEnc: Buffer | null };
}

interface Claimed {
  request_id: string;
  version: number;
  item: {
    report: Record<string, unknown> & { content: ReportRow['content'] };
    request: {
      id: string;
      kind: DiagnosisKind;
      priority: Priority;
      modality: string | null;
      requested_at: string;
      due_at: string;
      clinical_info: string;
      question: string;
      study_instance_uid: string;
      requester_user_id: string;
      from_institution_id: string;
      to_institution_id: string;
      to_department_id: string;
    };
    patient: { name: string; gender: string; birth_date: string; id_number_enc: string };
    names: Record<string, string | null>;
    endpoint: { id: string; base_url: string; username: string | null; password_enc: string | null };
  };
}

function reportOf(c: Claimed): DiagnosisReportVersion {
  const r = c.item.report;
  const n = c.item.names;
  const str = (k: string) => (typeof r[k] === 'string' ? r[k] : null);
  const row: ReportRow = {
    version: c.version,
    content: r.content,
    amendmentKind: str('amendment_kind') as ReportRow['amendmentKind'],
    amendmentReason: str('amendment_reason'),
    signedBy: {
      userId: str('signed_by') ?? '',
      displayName: n.signer ?? '',
      grade: str('signer_grade') === 'trainee' ? 'trainee' : 'senior',
    },
    signedAt: new Date(str('signed_at') ?? 0),
    signature: str('signature') ?? '',
    signerKey: n.signer_key ?? '',
    cosignedBy: str('cosigned_by')
      ? { userId: str('cosigned_by') ?? '', displayName: n.cosigner ?? '' }
      : null,
    cosignedAt: str('cosigned_at') ? new Date(str('cosigned_at') ?? 0) : null,
    cosignature: str('cosignature'),
    cosignerKey: n.cosigner_key ?? null,
    pacsSopInstanceUid: null,
    pacsStoredAt: null,
  };
  return toReportVersion(c.request_id, row);
}

function toStore(c: Claimed, crypto: DataCrypto): ReportToStore {
  const q = c.item.request;
  const n = c.item.names;
  const p = c.item.patient;
  const e = c.item.endpoint;
  return {
    requestId: c.request_id,
    version: c.version,
    studyInstanceUid: q.study_instance_uid,
    kind: q.kind,
    patient: {
      name: p.name,
      gender: p.gender,
      birthDate: p.birth_date,
      pacsPatientId: crypto.decrypt(Buffer.from(p.id_number_enc, 'base64')),
    },
    request: {
      id: q.id,
      kind: q.kind,
      priority: q.priority,
      modality: q.modality,
      requestedAt: new Date(q.requested_at).toISOString(),
      dueAt: new Date(q.due_at).toISOString(),
      clinicalInfo: q.clinical_info,
      question: q.question,
      requester: { userId: q.requester_user_id, displayName: n.requester ?? '' },
      fromInstitution: { id: q.from_institution_id, name: n.from_institution ?? '' },
      toInstitution: { id: q.to_institution_id, name: n.to_institution ?? '' },
      toDepartment: { id: q.to_department_id, name: n.to_department ?? '' },
      studyInstanceUid: q.study_instance_uid,
    },
    report: reportOf(c),
    endpoint: {
      id: e.id,
      baseUrl: e.base_url,
      username: e.username,
      passwordEnc: e.password_enc ? Buffer.from(e.password_enc, 'base64') : null,
    },
  };
}

/** Up to `limit` final versions not yet in the archive, leased to the caller for 2 minutes. */
export async function claimReportsToStore(
  pool: pg.Pool,
  limit: number,
  crypto: DataCrypto,
): Promise<ReportToStore[]> {
  const { rows } = await pool.query<Claimed>('SELECT * FROM diagnosis_reports_claim($1, $2)', [
    limit,
    STORE_LEASE_SECONDS,
  ]);
  return rows.map((c) => toStore(c, crypto));
}

export async function recordReportStored(
  pool: pg.Pool,
  requestId: string,
  version: number,
  sopInstanceUid: string,
): Promise<void> {
  await pool.query('SELECT diagnosis_report_stored($1, $2, $3)', [requestId, version, sopInstanceUid]);
}

/** The version is offered again after a back-off (1, 2, 4 … 60 minutes). */
export async function recordReportStoreFailed(
  pool: pg.Pool,
  requestId: string,
  version: number,
  error: string,
): Promise<void> {
  await pool.query('SELECT diagnosis_report_store_failed($1, $2, $3)', [requestId, version, error]);
}
