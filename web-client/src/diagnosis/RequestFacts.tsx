// What was asked: patient, study, who asked and when, the centre, the due time, the clinical
// information and the question.
import type { DiagnosisRequest } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../ui/dates';

export function RequestFacts({ request: d }: { request: DiagnosisRequest }) {
  const { t } = useTranslation('diagnosis');
  const f = useFormat();
  return (
    <dl className="facts diagnosis-facts card" data-testid="diagnosis-facts">
      <dt>{t('page.requestedBy')}</dt>
      <dd>
        {d.fromInstitution.name} {d.requester.displayName}
      </dd>
      <dt>{t('page.requestedAt')}</dt>
      <dd>{f.dateTime(d.requestedAt)}</dd>
      <dt>{t('page.centre')}</dt>
      <dd>
        {d.toInstitution.name} {d.toDepartment.name}
      </dd>
      <dt>{t('form.study')}</dt>
      <dd>
        {d.modality ?? '—'} <code className="small">{d.studyInstanceUid}</code>
      </dd>
      <dt>{t('page.clinicalInfo')}</dt>
      <dd className="prewrap">{d.clinicalInfo ?? '—'}</dd>
      <dt>{t('page.question')}</dt>
      <dd className="prewrap">{d.question ?? '—'}</dd>
      {d.cancelReason && (
        <>
          <dt>{t('page.cancelReason')}</dt>
          <dd>{d.cancelReason}</dd>
        </>
      )}
    </dl>
  );
}
