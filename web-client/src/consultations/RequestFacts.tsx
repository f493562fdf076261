// What was asked, of whom, and what the two sides said since: the request half of a consultation.
import { useTranslation } from 'react-i18next';
import { dateTime } from './format';
import type { Consultation } from '@tiered-care/common';

export function RequestFacts({ consultation: c }: { consultation: Consultation }) {
  const { t } = useTranslation('consultations');
  const r = c.request;
  if (!r) return null;
  const windows = (list: { from: string; to: string }[]) =>
    list.map((w) => `${dateTime(w.from)} – ${dateTime(w.to)}`).join('；');
  return (
    <section className="card stack" data-testid="consult-request">
      <dl className="facts">
        <dt>{t('requestedBy')}</dt>
        <dd>
          {r.requesterInstitution.name} {r.requestedBy.displayName}
        </dd>
        <dt>{t('target')}</dt>
        <dd>
          {r.toInstitution.name} {r.toDepartment?.name ?? ''}
          {r.specialist && ` · ${r.specialist.displayName}`}
        </dd>
        {c.status === 'requested' && r.decisionDueAt && (
          <>
            <dt>{t('overdue')}</dt>
            <dd>{t('dueBy', { time: dateTime(r.decisionDueAt) })}</dd>
          </>
        )}
        {r.preferredTimes.length > 0 && (
          <>
            <dt>{t('decide.preferredTimes')}</dt>
            <dd>{windows(r.preferredTimes)}</dd>
          </>
        )}
        {r.proposedTimes.length > 0 && (
          <>
            <dt>{t('decide.proposedTimes')}</dt>
            <dd data-testid="consult-proposed-times">{windows(r.proposedTimes)}</dd>
          </>
        )}
        {r.infoQuestion && (
          <>
            <dt>{t('decide.infoAsked')}</dt>
            <dd>{r.infoQuestion}</dd>
          </>
        )}
        {r.infoAnswer && (
          <>
            <dt>{t('decide.infoGiven')}</dt>
            <dd>{r.infoAnswer}</dd>
          </>
        )}
      </dl>
      <h2 className="subhead">{t('question')}</h2>
      <p className="prewrap" data-testid="consult-question-text">
        {r.question}
      </p>
      {r.declineReasonCode && (
        <p className="form-error">
          {t('decide.declined', { reason: t(`reasons.${r.declineReasonCode}`) })} {r.declineNote}
        </p>
      )}
      {r.cancelReason && <p className="muted">{t('decide.cancelled', { reason: r.cancelReason })}</p>}
    </section>
  );
}
