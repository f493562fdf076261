// Before entering: what the consultation is about, who takes part, the own camera, and the join
// button. A refused join (not invited, ended…) is said here.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dateTimeOf } from './format';
import { LocalPreview } from './LocalPreview';
import { useProblemText } from './problemText';
import type { Consultation } from '@tiered-care/common';
import type { ReplyProblem } from './useConsultRoom';
import type { LocalMedia } from './useLocalMedia';
import './sidePanel.css';
import './prejoin.css';

interface Props {
  detail: Consultation;
  local: LocalMedia;
  joining: boolean;
  error: ReplyProblem | null;
  onJoin: () => void;
}

export function PreJoin({ detail, local, joining, error, onJoin }: Props) {
  const { t } = useTranslation('consult');
  const { t: tc } = useTranslation();
  const problemText = useProblemText();
  return (
    <section className="prejoin card" data-testid="consult-prejoin">
      <div className="stack">
        <Link to="/consultations">{t('room.back')}</Link>
        <h1>
          {detail.title} <span className="pill">{t(`status.${detail.status}`)}</span>
        </h1>
        <dl className="facts">
          <dt>{t('room.time')}</dt>
          <dd>
            {detail.scheduledAt ? dateTimeOf(detail.scheduledAt) : '—'} ·{' '}
            {t('minutes', { count: detail.durationMinutes })}
          </dd>
          <dt>{t('room.patient')}</dt>
          <dd>
            {detail.patient
              ? `${detail.patient.name} · ${tc(`gender.${detail.patient.gender}`, { defaultValue: detail.patient.gender })} · ${detail.patient.birthDate}`
              : t('room.noPatient')}
          </dd>
          {detail.request && (
            <>
              <dt>{t('room.question')}</dt>
              <dd className="prewrap" data-testid="prejoin-question">
                {detail.request.question}
              </dd>
            </>
          )}
        </dl>
        <h2>{t('room.participants')}</h2>
        <ul className="prejoin-people">
          {detail.participants.map((p) => (
            <li key={p.userId}>
              <strong>{p.displayName}</strong>
              {p.role === 'host' && <span className="pill">{t('room.host')}</span>}
              <span className="muted small">
                {[p.institutionName, p.departmentName].filter(Boolean).join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <div className="stack">
        <LocalPreview stream={local.stream} hasVideo={local.hasVideo} />
        {local.problem && <p className="muted small">{t(`room.media.${local.problem}`)}</p>}
        {error && (
          <p className="form-error" role="alert" data-testid="join-error" data-code={error.code}>
            {problemText(error)}
          </p>
        )}
        <button
          type="button"
          className="primary"
          data-testid="join-consult"
          disabled={joining}
          onClick={onJoin}
        >
          {joining ? t('room.joining') : t('room.join')}
        </button>
      </div>
    </section>
  );
}
