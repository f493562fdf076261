// What the two sides said to each other: the information request and its answer, a rejection
// with its reason in words, a cancellation, and the feedback that closes the loop.
import { useTranslation } from 'react-i18next';
import type { Referral } from '@tiered-care/common';
import './referralView.css';

export function ReferralOutcome({ referral: r }: { referral: Referral }) {
  const { t } = useTranslation('referrals');
  return (
    <>
      {r.infoRequest && (
        <section className="outcome" data-testid="referral-info-request">
          <h3 className="subhead">{t('outcome.infoRequest')}</h3>
          <dl className="facts">
            <dt>{t('outcome.question')}</dt>
            <dd>{r.infoRequest.question}</dd>
            <dt>{t('outcome.answer')}</dt>
            <dd>{r.infoRequest.answer ?? <span className="muted">{t('outcome.awaitingAnswer')}</span>}</dd>
          </dl>
        </section>
      )}
      {r.rejection && (
        <section className="outcome warn" data-testid="referral-rejection">
          {t('outcome.rejected', {
            reason: t(`common:rejectReason.${r.rejection.reasonCode}`, {
              defaultValue: r.rejection.reasonCode,
            }),
          })}
          {r.rejection.note && ` — ${r.rejection.note}`}
        </section>
      )}
      {r.cancelReason && r.status === 'cancelled' && (
        <section className="outcome warn" data-testid="referral-cancel-reason">
          {t('outcome.cancelled', { reason: r.cancelReason })}
        </section>
      )}
      {r.feedback && (
        <section className="outcome ok" data-testid="referral-feedback">
          <h3 className="subhead">{t('outcome.feedback')}</h3>
          <dl className="facts">
            <dt>{t('feedback.diagnosis')}</dt>
            <dd>{r.feedback.diagnosis}</dd>
            <dt>{t('feedback.treatment')}</dt>
            <dd>{r.feedback.treatment}</dd>
            <dt>{t('feedback.advice')}</dt>
            <dd>{r.feedback.advice}</dd>
          </dl>
        </section>
      )}
    </>
  );
}
