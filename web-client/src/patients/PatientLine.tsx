import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { ageOf } from '../ui/dates';
import { useDirectory } from '../directory/useDirectory';

interface PatientLike {
  institutionId?: string;
  name: string;
  gender: string;
  birthDate: string;
  idNumberMasked: string;
  phone: string | null;
}

/** 张桂兰 · 女 · 70岁 · ****0028 · 138… — one patient on one line. */
export function PatientLine({ patient }: { patient: PatientLike }) {
  const { t } = useTranslation('referrals');
  const age = ageOf(patient.birthDate);
  const { user } = useSession();
  const directory = useDirectory();
  // The same person may be on file at another institution (seen through a shared referral).
  const elsewhere =
    patient.institutionId && patient.institutionId !== user?.institution?.id
      ? directory.data?.institutions.find((i) => i.id === patient.institutionId)?.name
      : undefined;
  return (
    <span className="patient-line">
      <strong>{patient.name}</strong>
      <span>{t(`common:gender.${patient.gender}`, { defaultValue: patient.gender })}</span>
      {age !== null && <span>{t('patient.age', { count: age })}</span>}
      <span className="muted">{patient.idNumberMasked.slice(-8)}</span>
      {patient.phone && <span className="muted">{patient.phone}</span>}
      {elsewhere && <span className="pill">{t('patient.registeredAt', { name: elsewhere })}</span>}
    </span>
  );
}
