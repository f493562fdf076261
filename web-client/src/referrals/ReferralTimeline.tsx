// The referral's history, oldest first: who (and where) did what, when, and what they said.
import { useTranslation } from 'react-i18next';
import type { Referral } from '../api/types';
import { useSession } from '../auth/session';
import { EventDetails } from './EventDetails';
import { useFormat } from './format';

export function ReferralTimeline({ referral }: { referral: Referral }) {
  const { t } = useTranslation('referrals');
  const f = useFormat();
  const { user } = useSession();
  const isSender = user?.institution?.id === referral.from.institutionId;
  if (referral.events.length === 0) return <p className="muted">{t('events.none')}</p>;
  return (
    <ol className="timeline" data-testid="referral-timeline">
      {referral.events.map((e) => (
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
      ))}
    </ol>
  );
}
