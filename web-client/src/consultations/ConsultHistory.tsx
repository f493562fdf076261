// The consultation's steps, oldest first, each decision with its signature's verification.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime } from './format';
import type { ConsultationEvent } from '@tiered-care/common';

export function ConsultHistory({ events }: { events: ConsultationEvent[] }) {
  return (
    <ol className="timeline">
      {events.map((e) => (
        <ConsultEventItem key={e.id} event={e} />
      ))}
      {events.length === 0 && <li className="muted">—</li>}
    </ol>
  );
}

/** One step; the referral's timeline adds a prefix, its own marks and what follows the step. */
export function ConsultEventItem({
  event: e,
  testId = 'consult-event',
  action = e.action,
  className,
  consultationId,
  prefix = '',
  children,
}: {
  event: ConsultationEvent;
  testId?: string;
  action?: string;
  className?: string;
  consultationId?: string;
  prefix?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation('consultations');
  return (
    <li data-testid={testId} data-action={action} className={className} data-consultation-id={consultationId}>
      <div className="row event-head">
        <strong>
          {prefix}
          {t(`events.${e.action}`, { defaultValue: e.action })}
        </strong>
        <span className="muted">→ {t(`status.${e.toStatus}`)}</span>
        {e.signed && (
          <span className={e.verified ? 'pill signed' : 'pill overdue'}>
            {e.verified ? `✓ ${t('record.verified')}` : `✗ ${t('record.notVerified')}`}
          </span>
        )}
        <span className="spacer" />
        <time className="muted" dateTime={e.at}>
          {dateTime(e.at)}
        </time>
      </div>
      <div className="muted">
        {e.actor.displayName} · {e.actor.institutionName}
      </div>
      <EventNote event={e} />
      {children}
    </li>
  );
}

/** The words that came with a step (a note, a reason, a question or answer). */
export function EventNote({ event: e }: { event: ConsultationEvent }) {
  const { t } = useTranslation('consultations');
  const d = e.details;
  const text = (k: string) => (typeof d[k] === 'string' ? d[k] : null);
  const parts = [
    typeof d.reasonCode === 'string' ? t(`reasons.${d.reasonCode}`) : null,
    text('note'),
    text('question'),
    text('answer'),
    text('reason'),
    typeof d.scheduledAt === 'string' ? dateTime(d.scheduledAt) : null,
  ].filter((p): p is string => Boolean(p));
  return parts.length ? <p>{parts.join(' · ')}</p> : null;
}
