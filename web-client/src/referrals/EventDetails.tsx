// An event's details in words: notes, reasons, questions and answers, appointments, feedback.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReferralEvent } from '@tiered-care/common';
import { useFormat } from '../ui/dates';
import { useDirectory } from '../directory/useDirectory';
import './referralView.css';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

export function EventDetails({ event, canOpenFollowUp }: { event: ReferralEvent; canOpenFollowUp: boolean }) {
  const { t } = useTranslation('referrals');
  const f = useFormat();
  const directory = useDirectory();
  const d = event.details;
  const lines: [string, ReactNode][] = [];
  const add = (label: string, value: ReactNode) => lines.push([label, value]);

  const reasonCode = str(d.reasonCode);
  if (reasonCode)
    add(t('events.reasonCode'), t(`common:rejectReason.${reasonCode}`, { defaultValue: reasonCode }));
  const question = str(d.question);
  if (question) add(t('outcome.question'), question);
  const answer = str(d.answer);
  if (answer) add(t('outcome.answer'), answer);
  const toInstitutionId = str(d.toInstitutionId);
  if (toInstitutionId) {
    const inst = directory.data?.institutions.find((i) => i.id === toInstitutionId);
    const dept = inst?.departments.find((x) => x.id === d.toDepartmentId);
    add(t('events.redirectTo'), [inst?.name ?? '—', dept?.name].filter(Boolean).join(' · '));
  }
  const appointmentAt = str(d.appointmentAt);
  if (appointmentAt) {
    add(
      d.rescheduled === true ? t('events.rescheduledTo') : t('events.appointment'),
      [f.dateTime(appointmentAt), str(d.location)].filter(Boolean).join(' · '),
    );
  }
  if (d.via === 'code') add(t('events.via'), t('events.viaCode'));
  const cancelReason = event.action === 'cancel' ? str(d.reason) : null;
  if (cancelReason) add(t('events.cancelReason'), cancelReason);
  const feedback = d.feedback as Record<string, unknown> | undefined;
  if (feedback && typeof feedback === 'object') {
    for (const k of ['diagnosis', 'treatment', 'advice'] as const) {
      const v = str(feedback[k]);
      if (v) add(t(`feedback.${k}`), v);
    }
  }
  const note = str(d.note);
  if (note) add(t('events.note'), note);
  const redirectedFrom = str(d.redirectedFrom);
  if (redirectedFrom)
    add(t('facts.redirectedFrom'), <Link to={`/referrals/${redirectedFrom}`}>{t('facts.openLinked')}</Link>);
  const newReferralId = str(d.newReferralId);
  if (newReferralId && canOpenFollowUp) {
    add(t('facts.redirectedTo'), <Link to={`/referrals/${newReferralId}`}>{t('facts.openLinked')}</Link>);
  }

  if (lines.length === 0) return null;
  return (
    <dl className="event-details">
      {lines.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
