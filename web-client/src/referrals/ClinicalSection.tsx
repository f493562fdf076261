// The new-referral form's clinical part: diagnosis, reason, summary and the studies that go along.
import { useTranslation } from 'react-i18next';
import { DiagnosisField } from './DiagnosisField';
import { errorProps, Field } from './Field';
import type { ReferralFormState } from './referralForm';
import { StudyList } from './StudyList';
import type { FieldErrors } from './validation';

interface Props {
  form: ReferralFormState;
  update: (patch: Partial<ReferralFormState>) => void;
  errors: FieldErrors;
}

export function ClinicalSection({ form, update, errors }: Props) {
  const { t } = useTranslation('referrals');
  return (
    <section className="card stack" aria-labelledby="clinical-heading">
      <h2 id="clinical-heading">{t('new.clinical')}</h2>
      <DiagnosisField
        value={form.diagnosis}
        onChange={(diagnosis) => update({ diagnosis })}
        errors={{ code: errors['diagnosis.code'], text: errors['diagnosis.text'] }}
      />
      <Field id="referral-reason" label={t('form.reason')} error={errors.reason}>
        <textarea
          id="referral-reason"
          data-testid="referral-reason"
          rows={2}
          maxLength={2000}
          value={form.reason}
          onChange={(e) => update({ reason: e.target.value })}
          {...errorProps('referral-reason', errors.reason)}
        />
      </Field>
      <Field
        id="referral-summary"
        label={t('form.summary')}
        hint={t('form.summaryHint')}
        error={errors.summary}
      >
        <textarea
          id="referral-summary"
          data-testid="referral-summary"
          rows={5}
          maxLength={10000}
          value={form.summary}
          onChange={(e) => update({ summary: e.target.value })}
          {...errorProps('referral-summary', errors.summary)}
        />
      </Field>
      {form.studyInstanceUids.length > 0 && <StudyList uids={form.studyInstanceUids} />}
    </section>
  );
}
