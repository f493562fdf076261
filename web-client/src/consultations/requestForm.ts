// The consultation request form's fields, and the request body they make (validated with the
// API's own schema, so the form shows the same problems the server would).
import { RequestConsultationBody, type Priority } from '@tiered-care/common';
import type { Patient } from '@tiered-care/common';
import { fromLocalInput } from './format';

export interface RequestForm {
  toInstitutionId: string;
  toDepartmentId: string;
  specialistUserId: string;
  priority: Priority;
  question: string;
  preferredFrom: string;
  preferredTo: string;
  studyInstanceUids: string[];
}

export const EMPTY_REQUEST: RequestForm = {
  toInstitutionId: '',
  toDepartmentId: '',
  specialistUserId: '',
  priority: 'routine',
  question: '',
  preferredFrom: '',
  preferredTo: '',
  studyInstanceUids: [],
};

export function toRequestBody(form: RequestForm, referralId: string | null, patient: Patient | null) {
  const from = fromLocalInput(form.preferredFrom);
  const to = fromLocalInput(form.preferredTo);
  return RequestConsultationBody.safeParse({
    mode: 'request',
    toInstitutionId: form.toInstitutionId || undefined,
    toDepartmentId: form.toDepartmentId || undefined,
    specialistUserId: form.specialistUserId || undefined,
    priority: form.priority,
    question: form.question,
    preferredTimes: from && to ? [{ from, to }] : undefined,
    referralId: referralId ?? undefined,
    patientId: referralId ? undefined : patient?.id,
    studyInstanceUids: form.studyInstanceUids.length ? form.studyInstanceUids : undefined,
  });
}
