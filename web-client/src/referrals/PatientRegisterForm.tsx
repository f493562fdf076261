// Register a patient who is not on file yet. The identity number is checked here with the same
// schema the API uses; birth date and sex are read from it when left empty.
import { CreatePatientBody, Gender, isValidIdentityNumber } from '@tiered-care/common';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { Patient } from '@tiered-care/common';
import { useErrorMessage } from '../ui/states';
import { createPatient, getPatient } from './api';
import { errorProps, Field } from './Field';
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

export function PatientRegisterForm({ onRegistered }: { onRegistered: (p: Patient) => void }) {
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

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate data-testid="patient-register-form">
      <div className="grid-2">
        <Field id="patient-name" label={t('patient.name')} error={errors.name}>
          <input
            id="patient-name"
            data-testid="patient-name"
            value={form.name}
            maxLength={64}
            onChange={(e) => set('name', e.target.value)}
            {...errorProps('patient-name', errors.name)}
          />
        </Field>
        <Field id="patient-id-number" label={t('patient.idNumber')} error={errors.idNumber}>
          <input
            id="patient-id-number"
            data-testid="patient-id-number"
            value={form.idNumber}
            maxLength={18}
            autoComplete="off"
            inputMode="text"
            onChange={(e) => set('idNumber', e.target.value.replace(/\s/g, '').toUpperCase())}
            {...errorProps('patient-id-number', errors.idNumber)}
          />
        </Field>
        <Field id="patient-gender" label={t('patient.gender')} error={errors.gender}>
          <select
            id="patient-gender"
            data-testid="patient-gender"
            value={form.gender}
            onChange={(e) => set('gender', e.target.value)}
            {...errorProps('patient-gender', errors.gender)}
          >
            <option value="">{t('form.choose')}</option>
            {Gender.options.map((g) => (
              <option key={g} value={g}>
                {t(`common:gender.${g}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="patient-birth-date" label={t('patient.birthDate')} error={errors.birthDate}>
          <input
            id="patient-birth-date"
            data-testid="patient-birth-date"
            type="date"
            value={form.birthDate}
            onChange={(e) => set('birthDate', e.target.value)}
            {...errorProps('patient-birth-date', errors.birthDate)}
          />
        </Field>
        <Field id="patient-phone" label={t('patient.phoneOptional')} error={errors.phone}>
          <input
            id="patient-phone"
            data-testid="patient-phone"
            type="tel"
            value={form.phone}
            maxLength={20}
            onChange={(e) => set('phone', e.target.value)}
            {...errorProps('patient-phone', errors.phone)}
          />
        </Field>
      </div>
      {failure !== null && (
        <p className="form-error" role="alert" data-testid="patient-register-error">
          {failureText}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy} data-testid="patient-register-submit">
          {t('patient.register')}
        </button>
        {existingId && (
          <button
            type="button"
            disabled={busy}
            data-testid="patient-pick-existing"
            onClick={() => void pickExisting()}
          >
            {t('patient.pickExisting')}
          </button>
        )}
      </div>
    </form>
  );
}
