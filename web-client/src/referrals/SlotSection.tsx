// The new-referral form's optional slot booking (outpatient up-referrals only).
import { useTranslation } from 'react-i18next';
import type { ReferralFormState } from './referralForm';
import { SlotPicker } from './SlotPicker';
import type { FieldErrors } from './validation';

interface Props {
  form: ReferralFormState;
  update: (patch: Partial<ReferralFormState>) => void;
  errors: FieldErrors;
  /** Bumped when the chosen slot was taken meanwhile: the picker loads afresh. */
  slotReload: number;
}

export function SlotSection({ form, update, errors, slotReload }: Props) {
  const { t } = useTranslation('referrals');
  return (
    <section className="card stack" aria-labelledby="slot-heading">
      <h2 id="slot-heading">{t('slots.title')}</h2>
      {form.target.toDepartmentId ? (
        <>
          <p className="muted">{t('slots.optional')}</p>
          <SlotPicker
            key={slotReload}
            institutionId={form.target.toInstitutionId}
            departmentId={form.target.toDepartmentId}
            type="outpatient"
            value={form.slot?.id ?? null}
            onChange={(slot) => update({ slot })}
          />
        </>
      ) : (
        <p className="muted">{t('slots.chooseDepartment')}</p>
      )}
      {errors.slotId && <span className="field-error">{errors.slotId}</span>}
    </section>
  );
}
