// The form that registers a patient who is not on file yet (state and steps in
// usePatientRegistration.ts).
import { Gender } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../api/types';
import { FieldInput, FieldSelect } from './Field';
import { usePatientRegistration } from './usePatientRegistration';

export function PatientRegisterForm({ onRegistered }: { onRegistered: (p: Patient) => void }) {
  const { t } = useTranslation('referrals');
  const { form, set, errors, failure, failureText, existingId, busy, submit, pickExisting } =
    usePatientRegistration(onRegistered);

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate data-testid="patient-register-form">
      <div className="grid-2">
        <FieldInput
          id="patient-name"
          label={t('patient.name')}
          error={errors.name}
          value={form.name}
          maxLength={64}
          onChange={(v) => set('name', v)}
        />
        <FieldInput
          id="patient-id-number"
          label={t('patient.idNumber')}
          error={errors.idNumber}
          value={form.idNumber}
          maxLength={18}
          autoComplete="off"
          inputMode="text"
          onChange={(v) => set('idNumber', v.replace(/\s/g, '').toUpperCase())}
        />
        <FieldSelect
          id="patient-gender"
          label={t('patient.gender')}
          error={errors.gender}
          value={form.gender}
          onChange={(v) => set('gender', v)}
          placeholder={t('form.choose')}
          options={Gender.options.map((g) => ({ value: g, label: t(`common:gender.${g}`) }))}
        />
        <FieldInput
          id="patient-birth-date"
          label={t('patient.birthDate')}
          error={errors.birthDate}
          type="date"
          value={form.birthDate}
          onChange={(v) => set('birthDate', v)}
        />
        <FieldInput
          id="patient-phone"
          label={t('patient.phoneOptional')}
          error={errors.phone}
          type="tel"
          value={form.phone}
          maxLength={20}
          onChange={(v) => set('phone', v)}
        />
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
