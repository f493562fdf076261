// Which study goes to the reading centre: one of the referral's shared studies, or (a patient
// picked without a referral) one the institution's own PACS holds for them.
import { useTranslation } from 'react-i18next';
import type { DiagnosisForm } from './requestForm';

export interface StudyOption {
  studyInstanceUid: string;
  modalities: string[];
  description: string | null;
  studyDate: string | null;
}

export function StudyOptions({
  studies,
  form,
  onPick,
}: {
  studies: readonly StudyOption[];
  form: DiagnosisForm;
  onPick: (study: StudyOption) => void;
}) {
  const { t } = useTranslation('diagnosis');
  if (studies.length === 0) return <p className="muted">{t('form.noStudies')}</p>;
  return (
    <fieldset className="stack diagnosis-studies">
      <legend>{t('form.study')}</legend>
      {studies.map((s) => (
        <label key={s.studyInstanceUid} className="row">
          <input
            type="radio"
            name="diagnosis-study"
            data-testid="diagnosis-study"
            data-study-uid={s.studyInstanceUid}
            checked={form.studyInstanceUid === s.studyInstanceUid}
            onChange={() => onPick(s)}
          />
          {[s.modalities.join('/'), s.description, s.studyDate].filter(Boolean).join(' · ')}
        </label>
      ))}
    </fieldset>
  );
}
