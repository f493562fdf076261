// The referral's history, oldest first: who (and where) did what, when, and what they said; the
// steps of remote consultations about it are woven in, so the referring doctor reads a
// consultation's conclusion and report where they work.
import { useTranslation } from 'react-i18next';
import type { Referral, ReferralConsultation } from '@tiered-care/common';
import { useSession } from '../auth/session';
import { ConsultationTimelineItem } from '../consultations/ConsultationTimelineItem';
import { EventDetails } from './EventDetails';
import { useFormat } from '../ui/dates';

export function ReferralTimeline({
  referral,
  consultations = [],
}: {
  referral: Referral;
  consultations?: ReferralConsultation[];
}) {
  const { t } = useTranslation('referrals');
  const f = useFormat();
  const { user } = useSession();
  const isSender = user?.institution?.id === referral.from.institutionId;
  if (referral.events.length === 0 && consultations.length === 0) {
    return <p className="muted">{t('events.none')}</p>;
  }
  const items = [
    ...referral.events.map((e) => ({ at: e.at, key: `r${e.id}`, referralEvent: e, consult: null })),
    ...consultations.flatMap((c) =>
      c.events.map((e) => ({
        at: e.at,
        key: `c${e.id}`,
        referralEvent: null,
        consult: { consultation: c, event: e },
      })),
    ),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <ol className="timeline" data-testid="referral-timeline">
      {items.map(({ key, referralEvent: e, consult }) =>
        consult ? (
          <ConsultationTimelineItem key={key} consultation={consult.consultation} event={consult.event} />
        ) : (
          <li key={e.id} data-testid="timeline-event" data-action={e.action}>
            <div className="row event-head">
              <strong>{t(`events.${e.action}`, { defaultValue: e.action })}</strong>
              <span className="muted">→ {t(`common:status.${e.toStatus}`)}</span>
              {e.signed && (
                <span className="pill signed" data-testid="event-signed" title={t('events.signedHint')}>
                  ✓ {t('events.signed')}
                </span>
              )}
              <span className="spacer" />
              <time className="muted" dateTime={e.at}>
                {f.dateTime(e.at)}
              </time>
            </div>
            <div className="muted">
              {e.actor.name} · {e.actor.institutionName}
            </div>
            <EventDetails event={e} canOpenFollowUp={isSender} />
          </li>
        ),
      )}
    </ol>
  );
}
