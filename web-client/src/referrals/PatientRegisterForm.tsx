// The form that registers a patient who is not on file yet (state and steps in
// usePatientRegistration.ts).
import { Gender } from '@tiered-care/common';
import type { InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '@tiered-care/common';
import { FieldInput, FieldSelect } from './Field';
import { usePatientRegistration } from './usePatientRegistration';

const ID_NUMBER: InputHTMLAttributes<HTMLInputElement> = {
  maxLength: 18,
  autoComplete: 'off',
  inputMode: 'text',
};

export function PatientRegisterForm({ onRegistered }: { onRegistered: (p: Patient) => void }) {
  const { t } = useTranslation('referrals');
  const { form, set, errors, failure, failureText, existingId, busy, submit, pickExisting } =
    usePatientRegistration(onRegistered);
  const input = (
    key: 'name' | 'idNumber' | 'birthDate' | 'phone',
    id: string,
    label: string,
    attributes: InputHTMLAttributes<HTMLInputElement>,
    clean = (v: string) => v,
  ) => (
    <FieldInput
      {...attributes}
      id={id}
      label={label}
      error={errors[key]}
      value={form[key]}
      onChange={(v) => set(key, clean(v))}
    />
  );

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate data-testid="patient-register-form">
      <div className="grid-2">
        {input('name', 'patient-name', t('patient.name'), { maxLength: 64 })}
        {input('idNumber', 'patient-id-number', t('patient.idNumber'), ID_NUMBER, (v) =>
          v.replace(/\s/g, '').toUpperCase(),
        )}
        <FieldSelect
          id="patient-gender"
          label={t('patient.gender')}
          error={errors.gender}
          value={form.gender}
          onChange={(v) => set('gender', v)}
          placeholder={t('form.choose')}
          options={Gender.options.map((g) => ({ value: g, label: t(`common:gender.${g}`) }))}
        />
        {input('birthDate', 'patient-birth-date', t('patient.birthDate'), { type: 'date' })}
        {input('phone', 'patient-phone', t('patient.phoneOptional'), { type: 'tel', maxLength: 20 })}
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
