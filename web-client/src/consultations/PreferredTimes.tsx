// The requester's preferred time window for the consultation.
import { useTranslation } from 'react-i18next';
import { InputField } from '../ui/fields';
import type { RequestForm } from './requestForm';

export function PreferredTimes({
  form,
  set,
}: {
  form: RequestForm;
  set: (patch: Partial<RequestForm>) => void;
}) {
  const { t } = useTranslation('consultations');
  return (
    <fieldset className="row wrap">
      <legend>{t('form.preferred')}</legend>
      {(['From', 'To'] as const).map((end) => (
        <InputField
          key={end}
          label={t(`form.preferred${end}`)}
          type="datetime-local"
          testId={`consult-preferred-${end.toLowerCase()}`}
          value={form[`preferred${end}`]}
          onChange={(v) => set({ [`preferred${end}`]: v })}
        />
      ))}
    </fieldset>
  );
}
