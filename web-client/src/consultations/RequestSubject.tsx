// What the consultation is about: the referral it was asked from, or a patient picked here.
import { useTranslation } from 'react-i18next';
import type { Patient, Referral } from '@tiered-care/common';
import { PatientLine } from '../patients/PatientLine';
import { PatientSearch } from '../patients/PatientSearch';

interface Props {
  referral: Referral | null;
  patient: Patient | null;
  onPatient: (patient: Patient | null) => void;
}

export function RequestSubject({ referral: r, patient, onPatient }: Props) {
  const { t } = useTranslation('consultations');
  return (
    <div className="card stack">
      {r ? (
        <p data-testid="consult-about-referral">
          {t('form.aboutReferral', { no: r.referralNo, name: r.patient?.name ?? '' })}
        </p>
      ) : patient ? (
        <div className="row">
          <PatientLine patient={patient} />
          <button type="button" onClick={() => onPatient(null)}>
            {t('form.pickPatient')}
          </button>
        </div>
      ) : (
        <>
          <h2>{t('form.pickPatient')}</h2>
          <PatientSearch onPick={onPatient} />
        </>
      )}
    </div>
  );
}
