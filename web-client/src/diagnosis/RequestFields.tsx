// Kind, reading centre (from GET /api/reading-centres for that kind), priority with its turnaround
// target, clinical information and the question.
import { Priority, type DiagnosisKind } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import { SelectField, TextAreaField } from '../ui/fields';
import { ErrorState } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import { listCentres } from './api';
import { turnaroundText } from './format';
import { centreKey, type DiagnosisForm } from './requestForm';

const KINDS: readonly DiagnosisKind[] = ['ecg', 'imaging'];

export function RequestFields({
  form,
  set,
}: {
  form: DiagnosisForm;
  set: (patch: Partial<DiagnosisForm>) => void;
}) {
  const { t } = useTranslation('diagnosis');
  const centres = useAsync((signal) => listCentres(form.kind, signal), [form.kind]);
  const options = (centres.data?.items ?? []).map((c) => ({
    value: centreKey(c.institution.id, c.department.id),
    label: `${c.institution.name} ${c.department.name}`,
  }));
  return (
    <>
      <div className="diagnosis-fields">
        <SelectField
          label={t('form.kind')}
          testId="diagnosis-kind"
          value={form.kind}
          onChange={(v) => set({ kind: v === 'imaging' ? 'imaging' : 'ecg', centre: '' })}
          options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <SelectField
          label={t('form.centre')}
          testId="diagnosis-centre"
          value={form.centre}
          onChange={(v) => set({ centre: v })}
          options={options}
          placeholder={t('form.pickCentre')}
        />
        <SelectField
          label={t('form.priority')}
          testId="diagnosis-priority"
          value={form.priority}
          onChange={(v) => set({ priority: Priority.catch('routine').parse(v) })}
          options={Priority.options.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
        />
      </div>
      {centres.error !== null && <ErrorState error={centres.error} onRetry={centres.reload} />}
      {centres.data && options.length === 0 && (
        <p className="muted">{t('form.noCentres', { kind: t(`kindShort.${form.kind}`) })}</p>
      )}
      <p className="muted" data-testid="diagnosis-turnaround">
        {t('form.turnaround', { target: turnaroundText(t, form.kind, form.priority) })}
      </p>
      <TextAreaField
        label={t('form.clinicalInfo')}
        testId="diagnosis-clinical"
        rows={4}
        placeholder={t('form.clinicalHint')}
        value={form.clinicalInfo}
        onChange={(v) => set({ clinicalInfo: v })}
      />
      <TextAreaField
        label={t('form.question')}
        testId="diagnosis-question"
        rows={3}
        placeholder={t('form.questionHint')}
        value={form.question}
        onChange={(v) => set({ question: v })}
      />
    </>
  );
}
