// 会诊意见: every participant's signed opinion with its verification, and the caller's own
// editor while opinions are open (during and after the session, until the report is signed).
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { OpinionEditor } from '../consult/OpinionEditor';
import { dateTime } from './format';
import type { PanelProps } from './panelProps';
import type { ConsultationRecord } from '@tiered-care/common';
import './consultations.css';

export function OpinionsPanel({ consultation: c, onChanged }: PanelProps<ConsultationRecord>) {
  const { t } = useTranslation('consultations');
  const { user } = useSession();
  const clinician = user?.roles.some((r) => r === 'doctor' || r === 'specialist') ?? false;
  const open = c.status === 'scheduled' || c.status === 'live' || c.status === 'ended';
  return (
    <section className="card stack" data-testid="consult-opinions">
      <h2 className="subhead">{t('record.opinions')}</h2>
      {c.opinions.length === 0 && <p className="muted">{t('record.noOpinions')}</p>}
      {c.opinions.map((o) => (
        <div key={o.id} className="stack opinion" data-testid="opinion-item" data-user-id={o.author.userId}>
          <div className="row wrap">
            <strong>{o.author.displayName}</strong>
            <span className="muted">{o.author.institutionName}</span>
            <span className="muted">{t('record.revision', { n: o.revision })}</span>
            <span
              className={o.valid ? 'pill signed' : 'pill overdue'}
              data-testid="opinion-verified"
              data-valid={o.valid}
            >
              {o.valid ? `✓ ${t('record.verified')}` : `✗ ${t('record.notVerified')}`}
            </span>
            <span className="spacer" />
            <time className="muted" dateTime={o.signedAt}>
              {dateTime(o.signedAt)}
            </time>
          </div>
          <p className="prewrap">{o.text}</p>
        </div>
      ))}
      {c.myRole && clinician && open && <OpinionEditor consultationId={c.id} onSaved={onChanged} />}
    </section>
  );
}
