// The new-referral form's state: what is typed, the field errors (a field's error goes as soon
// as it changes), focus on the first error after a failed try, and the patient handed over by a
// consultation loaded in.
import { useEffect, useState } from 'react';
import { getPatient } from '../patients/api';
import { formFromLocation, prefillFrom } from './prefill';
import type { ReferralFormState } from './referralForm';
import type { Target } from './TargetFields';
import type { FieldErrors } from './validation';

export function useReferralForm(locationState: unknown) {
  const [form, setForm] = useState<ReferralFormState>(() => formFromLocation(locationState));
  const prefillPatient = prefillFrom(locationState).patientId;
  useEffect(() => {
    if (!prefillPatient) return;
    getPatient(prefillPatient).then(
      (patient) => setForm((f) => (f.patient ? f : { ...f, patient })),
      () => undefined,
    );
  }, [prefillPatient]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [focusError, setFocusError] = useState(0);
  useEffect(() => {
    if (focusError === 0) return;
    const first = document.querySelector<HTMLElement>(
      '[aria-invalid="true"], [data-testid="field-error-patient"]',
    );
    first?.focus();
    first?.scrollIntoView({ block: 'center' });
  }, [focusError]);

  // A field's error goes as soon as the field is changed; the others stay until the next try.
  const clearErrors = (keys: string[]) =>
    setErrors((e) => {
      const left = Object.fromEntries(
        Object.entries(e).filter(([k]) => !keys.some((x) => k === x || k.startsWith(`${x}.`))),
      );
      return Object.keys(left).length === Object.keys(e).length ? e : left;
    });
  const update = (patch: Partial<ReferralFormState>) => {
    clearErrors(Object.keys(patch).map((k) => (k === 'patient' ? 'patientId' : k === 'slot' ? 'slotId' : k)));
    setForm((f) => ({ ...f, ...patch }));
  };
  const updateTarget = (patch: Partial<Target>) => {
    clearErrors(Object.keys(patch));
    setForm((f) => {
      const target = { ...f.target, ...patch };
      const sameSlotScope =
        target.toInstitutionId === f.target.toInstitutionId &&
        target.toDepartmentId === f.target.toDepartmentId &&
        target.type === f.target.type;
      return { ...f, target, slot: sameSlotScope ? f.slot : null };
    });
  };

  return { form, errors, setErrors, update, updateTarget, showErrors: () => setFocusError((n) => n + 1) };
}
