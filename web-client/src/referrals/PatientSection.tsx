// Step one of a referral: the patient, found on file or registered on the spot.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '@tiered-care/common';
import { PatientLine } from './PatientLine';
import { PatientRegisterForm } from './PatientRegisterForm';
import { PatientSearch } from './PatientSearch';
import './referrals.css';

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
  const [mode, setMode] = useState<'search' | 'register'>('search');

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
          <div className="tabs" role="tablist">
            {(['search', 'register'] as const).map((m) => (
              <button
                key={m}
                type="button"
                role="tab"
                aria-selected={mode === m}
                data-testid={`patient-mode-${m}`}
                onClick={() => setMode(m)}
              >
                {t(m === 'search' ? 'patient.modeSearch' : 'patient.modeRegister')}
              </button>
            ))}
          </div>
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
