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
      <InputField
        label={t('form.preferredFrom')}
        type="datetime-local"
        testId="consult-preferred-from"
        value={form.preferredFrom}
        onChange={(v) => set({ preferredFrom: v })}
      />
      <InputField
        label={t('form.preferredTo')}
        type="datetime-local"
        testId="consult-preferred-to"
        value={form.preferredTo}
        onChange={(v) => set({ preferredTo: v })}
      />
    </fieldset>
  );
}
