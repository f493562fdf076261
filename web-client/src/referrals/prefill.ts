// What another page hands to the new-referral form in the router's location state: a
// consultation's "refer as advised" (patient, where to, why) or studies chosen to go along.
import { initialForm, type ReferralFormState } from './referralForm';

/** What a consultation's "refer as advised" hands over: the patient, where to, and why. */
interface Prefill {
  patientId?: string;
  toInstitutionId?: string;
  reason?: string;
  summary?: string;
  diagnosisText?: string;
}

export function prefillFrom(state: unknown): Prefill {
  const p = (state as { prefill?: unknown } | null)?.prefill;
  if (!p || typeof p !== 'object') return {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const o = p as Record<string, unknown>;
  return {
    patientId: str(o.patientId),
    toInstitutionId: str(o.toInstitutionId),
    reason: str(o.reason),
    summary: str(o.summary),
    diagnosisText: str(o.diagnosisText),
  };
}

export function studiesFrom(state: unknown): string[] {
  const uids = (state as { studyInstanceUids?: unknown } | null)?.studyInstanceUids;
  return Array.isArray(uids) ? uids.filter((u): u is string => typeof u === 'string') : [];
}

/** The form's first state: empty, or filled from what the previous page handed over. */
export function formFromLocation(state: unknown): ReferralFormState {
  const f = initialForm(studiesFrom(state));
  const p = prefillFrom(state);
  return {
    ...f,
    target: { ...f.target, toInstitutionId: p.toInstitutionId ?? '' },
    diagnosis: { ...f.diagnosis, text: p.diagnosisText ?? '' },
    reason: p.reason ?? '',
    summary: p.summary ?? '',
  };
}
