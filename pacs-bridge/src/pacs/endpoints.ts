// Which PACS a request may reach, read through the migration's definer functions: the app role
// can't select pacs_endpoints, and each function returns only what the caller is entitled to.
import type { DataCrypto, Db } from '@tiered-care/platform';

/** A DICOMweb root plus the Authorization header for it; never leaves the server. */
export interface Upstream {
  endpointId: string;
  /** DICOMweb root without a trailing slash. */
  baseUrl: string;
  authorization: string | null;
}

export interface StudySource extends Upstream {
  /** The referral the study is shared to (null for a study shared to a consultation only). */
  referralId: string | null;
  /** The consultation through which the caller may read it; null when the referral grants it. */
  consultationId: string | null;
  /** The diagnosis request through which the caller may read it (a reader, or its requester). */
  diagnosisRequestId: string | null;
  patientId: string;
}

interface EndpointRow {
  id: string;
  base_url: string;
  username: string | null;
  password_enc: Buffer | null;
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

function toUpstream(row: EndpointRow, crypto: DataCrypto): Upstream {
  return {
    endpointId: row.id,
    baseUrl: row.base_url,
    authorization:
      row.username !== null && row.password_enc !== null
        ? basicAuthorization(row.username, crypto.decrypt(row.password_enc))
        : null,
  };
}

export async function ownEndpoint(db: Db, crypto: DataCrypto): Promise<Upstream | null> {
  const { rows } = await db.query<EndpointRow>('SELECT * FROM pacs_own_endpoint()');
  return rows[0] ? toUpstream(rows[0], crypto) : null;
}

export async function regionEndpoint(db: Db, crypto: DataCrypto): Promise<Upstream | null> {
  const { rows } = await db.query<EndpointRow>('SELECT * FROM pacs_region_endpoint()');
  return rows[0] ? toUpstream(rows[0], crypto) : null;
}

/**
 * The PACS holding a study shared to a referral or consultation the caller takes part in, or sent
 * to a reading centre the caller reads for (or by the caller's institution), or null.
 */
export async function studySource(db: Db, crypto: DataCrypto, studyUid: string): Promise<StudySource | null> {
  const { rows } = await db.query<
    EndpointRow & {
      referral_id: string | null;
      consultation_id: string | null;
      diagnosis_request_id: string | null;
      patient_id: string;
    }
  >('SELECT * FROM pacs_study_source($1)', [studyUid]);
  const row = rows[0];
  return row
    ? {
        ...toUpstream(row, crypto),
        referralId: row.referral_id,
        consultationId: row.consultation_id,
        diagnosisRequestId: row.diagnosis_request_id,
        patientId: row.patient_id,
      }
    : null;
}
