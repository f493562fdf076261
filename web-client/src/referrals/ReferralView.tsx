// One referral for reading: number and status, the facts, what the two sides said, the history.
// Used by the detail page, the worklist drawer and the check-in page; `actions` goes beside the
// history (the ActionPanel where the caller may act).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Frame } from '../ui/Frame';
import type { Referral, ReferralConsultation } from '@tiered-care/common';
import { PrintSlipButton } from './PrintSlipButton';
import { ReferralFacts } from './ReferralFacts';
import { ReferralOutcome } from './ReferralOutcome';
import { ReferralTimeline } from './ReferralTimeline';
import { OverduePill, PriorityPill, StatusPill } from './StatusPill';
import './referralView.css';

export function ReferralView({
  referral: r,
  actions,
  headingLevel = 1,
  consultations = [],
}: {
  referral: Referral;
  actions?: ReactNode;
  /** Remote consultations about the referral: their steps join the history. */
  consultations?: ReferralConsultation[];
  /** 1 on its own page, 2 inside a drawer or below another heading. */
  headingLevel?: 1 | 2;
}) {
  const { t } = useTranslation('referrals');
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const frame = { 'referral-id': r.id, version: r.version };
  return (
    <Frame as="article" className="referral-view" testId="referral-view" data={frame}>
      <header className="referral-head">
        <Heading>
          {t('view.title', { name: r.patient?.name ?? t('patient.unavailable') })}{' '}
          <span className="muted referral-no">{r.referralNo}</span>
        </Heading>
        <div className="row">
          <span className="muted">{t('view.status')}</span>
          <StatusPill status={r.status} testId="referral-status" />
          <PriorityPill priority={r.priority} />
          {r.overdue && <OverduePill />}
          <span className="spacer" />
          {r.status !== 'draft' && r.patient && <PrintSlipButton referralId={r.id} />}
        </div>
      </header>
      <div className="referral-body">
        <div className="stack">
          <ReferralOutcome referral={r} />
          <section className="card">
            <ReferralFacts referral={r} />
          </section>
        </div>
        <div className="stack">
          {actions}
          <section className="card stack" aria-labelledby={`history-${r.id}`}>
            <h3 className="subhead" id={`history-${r.id}`}>
              {t('events.title')}
            </h3>
            <ReferralTimeline referral={r} consultations={consultations} />
          </section>
        </div>
      </div>
    </Frame>
  );
}
