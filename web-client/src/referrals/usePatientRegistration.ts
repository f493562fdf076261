// Registering a patient who is not on file yet. The identity number is checked here with the same
// schema the API uses; birth date and sex are read from it when left empty.
import { CreatePatientBody, isValidIdentityNumber } from '@tiered-care/common';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { Patient } from '@tiered-care/common';
import { useErrorMessage } from '../ui/states';
import { createPatient, getPatient } from '../patients/api';
import { apiFieldErrors, zodErrors, type FieldErrors } from './validation';

const EMPTY = { name: '', gender: '', birthDate: '', idNumber: '', phone: '' };

/** GB 11643: characters 7–14 are the birth date, the 17th is odd for men. */
function fromIdNumber(id: string): { birthDate: string; gender: 'male' | 'female' } | null {
  const n = id.trim().toUpperCase();
  if (!isValidIdentityNumber(n)) return null;
  return {
    birthDate: `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`,
    gender: Number(n[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** The form's values, errors and steps: registering, or taking the patient already on file. */
export function usePatientRegistration(onRegistered: (p: Patient) => void) {
  const { t } = useTranslation('referrals');
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [existingId, setExistingId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const failureText = useErrorMessage(failure);
  const formats = {
    idNumber: t('validation.idNumber'),
    phone: t('validation.phone'),
    birthDate: t('validation.date'),
  };

  const set = (k: keyof typeof EMPTY, v: string) => {
    setForm((f) => {
      const next = { ...f, [k]: v };
      const derived = k === 'idNumber' ? fromIdNumber(v) : null;
      if (derived) {
        next.birthDate ||= derived.birthDate;
        next.gender ||= derived.gender;
      }
      return next;
    });
  };

  const submit = async (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    setFailure(null);
    setExistingId(null);
    const parsed = CreatePatientBody.safeParse({
      ...form,
      gender: form.gender || undefined,
      phone: form.phone.trim() || undefined,
    });
    if (!parsed.success) {
      setErrors(zodErrors(t, parsed.error.issues, formats));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      onRegistered(await createPatient(parsed.data));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'patient_exists') {
        const id = (err.details as { patientId?: unknown } | undefined)?.patientId;
        setExistingId(typeof id === 'string' ? id : null);
      }
      setErrors(apiFieldErrors(t, err, formats) ?? {});
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const pickExisting = async () => {
    if (!existingId) return;
    setBusy(true);
    try {
      onRegistered(await getPatient(existingId));
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return { form, set, errors, failure, failureText, existingId, busy, submit, pickExisting };
}
