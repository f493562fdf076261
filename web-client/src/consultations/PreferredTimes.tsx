// The requester's preferred time window for the consultation.
import { useTranslation } from 'react-i18next';
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
      <label>
        {t('form.preferredFrom')}
        <input
          type="datetime-local"
          data-testid="consult-preferred-from"
          value={form.preferredFrom}
          onChange={(e) => set({ preferredFrom: e.target.value })}
        />
      </label>
      <label>
        {t('form.preferredTo')}
        <input
          type="datetime-local"
          data-testid="consult-preferred-to"
          value={form.preferredTo}
          onChange={(e) => set({ preferredTo: e.target.value })}
        />
      </label>
    </fieldset>
  );
}
