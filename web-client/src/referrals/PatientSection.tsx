// Step one of a referral: the patient, found on file or registered on the spot.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '@tiered-care/common';
import { Tabs } from '../ui/Tabs';
import { PatientLine } from '../patients/PatientLine';
import { PatientRegisterForm } from './PatientRegisterForm';
import { PatientSearch } from '../patients/PatientSearch';
import './referralForm.css';

const MODES = ['search', 'register'] as const;
type Mode = (typeof MODES)[number];

export function PatientSection({
  patient,
  onChange,
  error,
}: {
  patient: Patient | null;
  onChange: (p: Patient | null) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation('referrals');
  const [mode, setMode] = useState<Mode>('search');

  return (
    <section className="card stack" aria-labelledby="patient-heading">
      <h2 id="patient-heading">{t('patient.title')}</h2>
      {patient ? (
        <div className="row selected-patient" data-testid="selected-patient">
          <PatientLine patient={patient} />
          <span className="spacer" />
          <button type="button" data-testid="patient-change" onClick={() => onChange(null)}>
            {t('patient.change')}
          </button>
        </div>
      ) : (
        <>
          <Tabs names={MODES} current={mode} onSelect={setMode} testId="patient-mode">
            {(m) => t(m === 'search' ? 'patient.modeSearch' : 'patient.modeRegister')}
          </Tabs>
          {mode === 'search' ? (
            <PatientSearch onPick={onChange} />
          ) : (
            <PatientRegisterForm onRegistered={onChange} />
          )}
        </>
      )}
      {error && (
        <span className="field-error" data-testid="field-error-patient">
          {error}
        </span>
      )}
    </section>
  );
}
