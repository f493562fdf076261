// The referral's facts as a definition list: who, from where to where, why, and when.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Referral } from '@tiered-care/common';
import { useSession } from '../auth/session';
import { ageOf, useFormat } from '../ui/dates';
import './referralList.css';
import './referralView.css';

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' · ');

export function ReferralFacts({ referral: r }: { referral: Referral }) {
  const { t } = useTranslation('referrals');
  const f = useFormat();
  const { user } = useSession();
  // The follow-up of a redirect belongs to the sending side; the redirecting side can't open it.
  const isSender = user?.institution?.id === r.from.institutionId;
  const p = r.patient;
  const age = p ? ageOf(p.birthDate) : null;
  return (
    <div className="stack">
      <dl className="facts" data-testid="referral-facts">
        <dt>{t('facts.patient')}</dt>
        <dd data-testid="referral-patient" data-patient-access={r.patientAccess}>
          {p
            ? join(
                p.name,
                t(`common:gender.${p.gender}`, { defaultValue: p.gender }),
                age === null ? null : t('patient.age', { count: age }),
                p.idNumberMasked.slice(-8),
                p.phone,
              )
            : t('patient.unavailable')}
        </dd>
        <dt>{t('facts.from')}</dt>
        <dd>{join(r.from.institutionName, r.from.departmentName, r.from.userName)}</dd>
        <dt>{t('facts.to')}</dt>
        <dd data-testid="referral-to">
          {join(r.to.institutionName, r.to.departmentName ?? t('facts.anyDepartment'))}
        </dd>
        <dt>{t('facts.kind')}</dt>
        <dd>
          {join(
            t(`common:direction.${r.direction}`),
            t(`common:type.${r.type}`),
            t(`common:priority.${r.priority}`),
          )}
        </dd>
        {r.diagnosis && (
          <>
            <dt>{t('facts.diagnosis')}</dt>
            <dd data-testid="referral-diagnosis">
              <code>{r.diagnosis.code}</code> {r.diagnosis.text}
            </dd>
          </>
        )}
        {r.reason !== null && (
          <>
            <dt>{t('facts.reason')}</dt>
            <dd>{r.reason}</dd>
          </>
        )}
        {r.summary !== null && (
          <>
            <dt>{t('facts.summary')}</dt>
            <dd className="summary-text">{r.summary}</dd>
          </>
        )}
        <dt>{t('facts.submittedAt')}</dt>
        <dd>{r.submittedAt ? f.dateTime(r.submittedAt) : t('facts.notSubmitted')}</dd>
        {r.decisionDueAt && r.status === 'submitted' && (
          <>
            <dt>{t('common:time.due')}</dt>
            <dd className={r.overdue ? 'overdue-text' : undefined}>
              {f.dateTime(r.decisionDueAt)}
              {r.overdue && ` （${t('common:time.overdue')}）`}
            </dd>
          </>
        )}
        {r.appointment && (
          <>
            <dt>{t('facts.appointment')}</dt>
            <dd data-testid="referral-appointment">
              {join(f.dateTime(r.appointment.at), r.appointment.location)}
            </dd>
          </>
        )}
        {r.checkInCode && (
          <>
            <dt>{t('facts.checkInCode')}</dt>
            <dd>
              <span className="checkin-code-value" data-testid="referral-checkin-code">
                {r.checkInCode}
              </span>
            </dd>
          </>
        )}
        {r.checkedInAt && (
          <>
            <dt>{t('facts.checkedInAt')}</dt>
            <dd>{f.dateTime(r.checkedInAt)}</dd>
          </>
        )}
        {r.parentReferralId && (
          <>
            <dt>{t('facts.redirectedFrom')}</dt>
            <dd>
              <Link to={`/referrals/${r.parentReferralId}`}>{t('facts.openLinked')}</Link>
            </dd>
          </>
        )}
        {r.redirectedToId && isSender && (
          <>
            <dt>{t('facts.redirectedTo')}</dt>
            <dd>
              <Link to={`/referrals/${r.redirectedToId}`}>{t('facts.openLinked')}</Link>
            </dd>
          </>
        )}
        {r.studyInstanceUids.length > 0 && (
          <>
            <dt>{t('studies.title')}</dt>
            <dd data-testid="referral-study-count">
              {t('studies.count', { count: r.studyInstanceUids.length })}
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
