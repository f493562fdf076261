// Scheduling by the receiving side: a reserved slot of the department, or a date, time and place
// agreed by phone (typed in Beijing time).
import { useTranslation } from 'react-i18next';
import type { Referral } from '@tiered-care/common';
import type { ActionFieldsProps } from './actionBody';
import { errorProps, Field } from './Field';
import { SlotPicker } from './SlotPicker';

export function ScheduleFields(props: ActionFieldsProps & { referral: Referral }) {
  const { referral, value, onChange, errors } = props;
  const { t } = useTranslation('referrals');
  return (
    <div className="stack">
      <div className="row" role="radiogroup" aria-label={t('schedule.mode')}>
        {(['slot', 'manual'] as const).map((m) => (
          <label key={m} className="inline">
            <input
              type="radio"
              name="schedule-mode"
              data-testid={`schedule-mode-${m}`}
              checked={value.scheduleMode === m}
              onChange={() => onChange({ scheduleMode: m })}
            />
            {t(`schedule.${m}`)}
          </label>
        ))}
      </div>
      {value.scheduleMode === 'slot' ? (
        <>
          <SlotPicker
            institutionId={referral.to.institutionId}
            departmentId={referral.to.departmentId}
            type={null}
            value={value.slotId || null}
            onChange={(s) => onChange({ slotId: s?.id ?? '' })}
          />
          {errors.slotId && <span className="field-error">{t('schedule.pickSlot')}</span>}
        </>
      ) : (
        <div className="grid-2">
          <Field id="schedule-at" label={t('schedule.at')} error={errors.appointmentAt}>
            <input
              id="schedule-at"
              data-testid="schedule-at"
              type="datetime-local"
              value={value.appointmentAt}
              onChange={(e) => onChange({ appointmentAt: e.target.value })}
              {...errorProps('schedule-at', errors.appointmentAt)}
            />
          </Field>
          <Field id="schedule-location" label={t('schedule.location')} error={errors.location}>
            <input
              id="schedule-location"
              data-testid="schedule-location"
              maxLength={200}
              value={value.location}
              onChange={(e) => onChange({ location: e.target.value })}
              {...errorProps('schedule-location', errors.location)}
            />
          </Field>
        </div>
      )}
    </div>
  );
}
