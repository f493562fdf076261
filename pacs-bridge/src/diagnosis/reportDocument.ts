// What a printed report holds, from either side: the request as its caller reads it (the route)
// or a claimed version as the store-back worker gets it. One version per document, so the PDF the
// archive keeps for version N is the one the route serves for version N.
import type { DiagnosisKind, DiagnosisReportVersion, DiagnosisRequest, Priority } from '@tiered-care/common';
import type { ReportToStore } from '@tiered-care/referral-api';

export interface ReportDocument {
  requestId: string;
  kind: DiagnosisKind;
  priority: Priority;
  modality: string | null;
  studyInstanceUid: string;
  requestedAt: string;
  requester: string;
  fromInstitution: string;
  centre: { institution: string; department: string };
  /** Null when the caller's access to the patient has ended. */
  patient: { name: string; gender: string; birthDate: string } | null;
  clinicalInfo: string | null;
  question: string | null;
  /** The signed version printed. */
  report: DiagnosisReportVersion;
}

/** `version` absent: the latest signed one. Null when there is no such signed version. */
export function documentFromRequest(r: DiagnosisRequest, version?: number): ReportDocument | null {
  const report = version === undefined ? r.reports.at(-1) : r.reports.find((v) => v.version === version);
  if (!report) return null;
  return {
    requestId: r.id,
    kind: r.kind,
    priority: r.priority,
    modality: r.modality,
    studyInstanceUid: r.studyInstanceUid,
    requestedAt: r.requestedAt,
    requester: r.requester.displayName,
    fromInstitution: r.fromInstitution.name,
    centre: { institution: r.toInstitution.name, department: r.toDepartment.name },
    patient: r.patient
      ? { name: r.patient.name, gender: r.patient.gender, birthDate: r.patient.birthDate }
      : null,
    clinicalInfo: r.clinicalInfo,
    question: r.question,
    report,
  };
}

export function documentFromStore(s: ReportToStore): ReportDocument {
  const r = s.request;
  return {
    requestId: s.requestId,
    kind: s.kind,
    priority: r.priority,
    modality: r.modality,
    studyInstanceUid: s.studyInstanceUid,
    requestedAt: r.requestedAt,
    requester: r.requester.displayName,
    fromInstitution: r.fromInstitution.name,
    centre: { institution: r.toInstitution.name, department: r.toDepartment.name },
    patient: { name: s.patient.name, gender: s.patient.gender, birthDate: s.patient.birthDate },
    clinicalInfo: r.clinicalInfo,
    question: r.question,
    // The archive's copy is not part of what was signed or printed.
    report: { ...s.report, pacs: null },
  };
}
