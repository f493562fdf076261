// A consultation's step in the referral's timeline; its conclusion shows in full, with the
// report and a link to the record for those who may open them.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConsultEventItem } from './ConsultHistory';
import { ReportLink } from './ReportLink';
import type { ConsultationEvent, ReferralConsultation } from '@tiered-care/common';
import './consultations.css';

export function ConsultationTimelineItem({
  consultation: c,
  event: e,
}: {
  consultation: ReferralConsultation;
  event: ConsultationEvent;
}) {
  const { t } = useTranslation('consultations');
  const concluded = e.action === 'conclude' && c.conclusion;
  return (
    <ConsultEventItem
      event={e}
      testId="timeline-event"
      className="consult-step"
      action={`consultation.${e.action}`}
      consultationId={c.id}
      prefix={`${t('referral.title')} · `}
    >
      {concluded && c.conclusion && (
        <div className="stack consult-conclusion-inline" data-testid="timeline-consult-conclusion">
          <p>
            <strong>{t('record.diagnosis')}：</strong>
            {c.conclusion.diagnosis}
          </p>
          <p>
            <strong>{t('record.recommendation')}：</strong>
            {c.conclusion.recommendation}
          </p>
          <p>
            <strong>{t('record.advice')}：</strong>
            {t(`record.adviceOptions.${c.conclusion.referralAdvice ?? 'none'}`)}
          </p>
        </div>
      )}
      {(e.action === 'request' || concluded) && c.recordVisible && (
        <div className="row">
          <Link to={`/consultations/${c.id}`} data-testid="timeline-consult-link">
            {t('referral.open')}
          </Link>
          {concluded && <ReportLink consultationId={c.id} />}
        </div>
      )}
    </ConsultEventItem>
  );
}
