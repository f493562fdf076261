// The new-referral form's state and how it becomes the API body (checked with the API's schema).
import { CreateReferralBody } from '@tiered-care/common';
import type { Patient, Slot } from '@tiered-care/common';
import type { DiagnosisValue } from './DiagnosisField';
import type { Target } from './TargetFields';

export interface ReferralFormState {
  patient: Patient | null;
  target: Target;
  diagnosis: DiagnosisValue;
  reason: string;
  summary: string;
  slot: Slot | null;
  studyInstanceUids: string[];
}

export const initialForm = (studyInstanceUids: string[] = []): ReferralFormState => ({
  patient: null,
  target: { toInstitutionId: '', toDepartmentId: '', type: 'outpatient', priority: 'routine' },
  diagnosis: { code: '', text: '' },
  reason: '',
  summary: '',
  slot: null,
  studyInstanceUids,
});

const blank = (s: string) => (s.trim() === '' ? undefined : s);

/** The request body, validated as the API will validate it; a draft never books a slot. */
export function toCreateBody(f: ReferralFormState, asDraft: boolean) {
  return CreateReferralBody.safeParse({
    patientId: f.patient?.id,
    toInstitutionId: blank(f.target.toInstitutionId),
    toDepartmentId: blank(f.target.toDepartmentId),
    type: f.target.type,
    priority: f.target.priority,
    reason: f.reason,
    diagnosis: { code: f.diagnosis.code, text: f.diagnosis.text },
    summary: f.summary,
    studyInstanceUids: f.studyInstanceUids.length ? f.studyInstanceUids : undefined,
    slotId: !asDraft && f.slot ? f.slot.id : undefined,
    draft: asDraft || undefined,
  });
}
