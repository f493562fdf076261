// The new-referral form's clinical part: diagnosis, reason, summary and the studies that go along.
import { useTranslation } from 'react-i18next';
import { DiagnosisField } from './DiagnosisField';
import { FieldTextArea } from './Field';
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
      <FieldTextArea
        id="referral-reason"
        label={t('form.reason')}
        error={errors.reason}
        rows={2}
        maxLength={2000}
        value={form.reason}
        onChange={(reason) => update({ reason })}
      />
      <FieldTextArea
        id="referral-summary"
        label={t('form.summary')}
        hint={t('form.summaryHint')}
        error={errors.summary}
        rows={5}
        maxLength={10000}
        value={form.summary}
        onChange={(summary) => update({ summary })}
      />
      {form.studyInstanceUids.length > 0 && <StudyList uids={form.studyInstanceUids} />}
    </section>
  );
}
