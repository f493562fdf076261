// A request's signed report versions, oldest first, each with whether its signature (and
// co-signature) verifies against the signer's public key over the content as stored now.
import type { AmendmentKind, DiagnosisReportVersion, ReaderGrade } from '@tiered-care/common';
import type { Db } from '@tiered-care/platform';
import { verifyReport } from './signature';

export interface ReportRow {
  version: number;
  content: DiagnosisReportVersion['content'];
  amendmentKind: AmendmentKind | null;
  amendmentReason: string | null;
  signedBy: { userId: string; displayName: string; grade: ReaderGrade };
  signedAt: Date;
  signature: string;
  signerKey: string;
  cosignedBy: { userId: string; displayName: string } | null;
  cosignedAt: Date | null;
  cosignature: string | null;
  cosignerKey: string | null;
  pacsSopInstanceUid: string | null;
  pacsStoredAt: Date | null;
}

export const REPORT_COLUMNS = `r.version, r.content, r.amendment_kind AS "amendmentKind",
  r.amendment_reason AS "amendmentReason",
  json_build_object('userId', su.id, 'displayName', su.display_name, 'grade', r.signer_grade) AS "signedBy",
  r.signed_at AS "signedAt", r.signature, su.signing_public_key AS "signerKey",
  CASE WHEN cu.id IS NULL THEN NULL
    ELSE json_build_object('userId', cu.id, 'displayName', cu.display_name) END AS "cosignedBy",
  r.cosigned_at AS "cosignedAt", r.cosignature, cu.signing_public_key AS "cosignerKey",
  r.pacs_sop_instance_uid AS "pacsSopInstanceUid", r.pacs_stored_at AS "pacsStoredAt"`;

export const REPORT_JOINS = `JOIN users su ON su.id = r.signed_by LEFT JOIN users cu ON cu.id = r.cosigned_by`;

export function toReportVersion(requestId: string, r: ReportRow): DiagnosisReportVersion {
  const amendment =
    r.amendmentKind && r.amendmentReason ? { kind: r.amendmentKind, reason: r.amendmentReason } : null;
  const signed = { requestId, version: r.version, content: r.content, amendment };
  return {
    version: r.version,
    content: r.content,
    amendment,
    signedBy: r.signedBy,
    signedAt: r.signedAt.toISOString(),
    verified: verifyReport(r.signerKey, signed, r.signature),
    cosignedBy: r.cosignedBy,
    cosignedAt: r.cosignedAt?.toISOString() ?? null,
    cosignVerified:
      r.cosignature && r.cosignerKey ? verifyReport(r.cosignerKey, signed, r.cosignature) : null,
    pacs:
      r.pacsSopInstanceUid && r.pacsStoredAt
        ? { sopInstanceUid: r.pacsSopInstanceUid, storedAt: r.pacsStoredAt.toISOString() }
        : null,
  };
}

/** `all`: the centre's readers also see a trainee's version still waiting for its co-signature. */
export async function listReports(
  db: Db,
  requestId: string,
  all: boolean,
): Promise<DiagnosisReportVersion[]> {
  const { rows } = await db.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS} FROM diagnosis_reports r ${REPORT_JOINS}
     WHERE r.request_id = $1 AND (r.final OR $2) ORDER BY r.version`,
    [requestId, all],
  );
  return rows.map((r) => toReportVersion(requestId, r));
}
