// Which of the referral's shared studies go along with the consultation request.
import { useTranslation } from 'react-i18next';
import type { listStudies } from '../imaging/api';
import type { RequestForm } from './requestForm';

type Study = Awaited<ReturnType<typeof listStudies>>['studies'][number];

interface Props {
  form: RequestForm;
  set: (patch: Partial<RequestForm>) => void;
  studies: Study[];
}

export function StudyChoice({ form, set, studies }: Props) {
  const { t } = useTranslation('consultations');
  return (
    <fieldset className="stack">
      <legend>{t('form.studies')}</legend>
      {studies.length === 0 ? (
        <p className="muted">{t('form.noStudies')}</p>
      ) : (
        studies.map((s) => (
          <label key={s.studyInstanceUid} className="row">
            <input
              type="checkbox"
              data-testid="consult-study"
              checked={form.studyInstanceUids.includes(s.studyInstanceUid)}
              onChange={(e) =>
                set({
                  studyInstanceUids: e.target.checked
                    ? [...form.studyInstanceUids, s.studyInstanceUid]
                    : form.studyInstanceUids.filter((u) => u !== s.studyInstanceUid),
                })
              }
            />
            {[s.modalities.join('/'), s.description, s.studyDate].filter(Boolean).join(' · ')}
          </label>
        ))
      )}
    </fieldset>
  );
}
