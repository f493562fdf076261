// The request form's fields and the body they make, checked with the API's own schema so the
// form shows the same problems the server would.
import { CreateDiagnosisRequestBody, type DiagnosisKind, type Priority } from '@tiered-care/common';

export interface DiagnosisForm {
  studyInstanceUid: string;
  kind: DiagnosisKind;
  /** `institutionId/departmentId` of the chosen reading centre. */
  centre: string;
  priority: Priority;
  clinicalInfo: string;
  question: string;
}

export const EMPTY_FORM: DiagnosisForm = {
  studyInstanceUid: '',
  kind: 'ecg',
  centre: '',
  priority: 'routine',
  clinicalInfo: '',
  question: '',
};

export const centreKey = (institutionId: string, departmentId: string) => `${institutionId}/${departmentId}`;

export function toRequestBody(form: DiagnosisForm, patientId: string | null, referralId: string | null) {
  const [toInstitutionId = '', toDepartmentId = ''] = form.centre.split('/');
  return CreateDiagnosisRequestBody.safeParse({
    kind: form.kind,
    patientId: patientId ?? '',
    studyInstanceUid: form.studyInstanceUid,
    toInstitutionId,
    toDepartmentId,
    priority: form.priority,
    clinicalInfo: form.clinicalInfo,
    question: form.question,
    referralId: referralId ?? undefined,
  });
}
