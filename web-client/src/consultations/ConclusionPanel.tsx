// 会诊结论: the host's signed conclusion (diagnosis, recommendation, referral advice) once the
// session has ended; afterwards shown with its verification and, where the advice is to refer,
// an offer to create that referral with the patient and the reasons filled in.
import { ReferralAdvice } from '@tiered-care/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../auth/session';
import { SelectField } from '../ui/fields';
import { useErrorMessage } from '../ui/states';
import { useAction } from '../ui/useAction';
import { act } from './api';
import { dateTime } from './format';
import type { PanelProps } from './panelProps';

export function ConclusionPanel({ consultation: c, onChanged }: PanelProps) {
  const { t } = useTranslation('consultations');
  const navigate = useNavigate();
  const { user } = useSession();
  const [diagnosis, setDiagnosis] = useState('');
  const [recommendation, setRecommendation] = useState('');
  const [advice, setAdvice] = useState<ReferralAdvice>('none');
  const { busy, failure, run } = useAction();
  const message = useErrorMessage(failure);

  const conclude = () =>
    run(async () => {
      await act(c.id, 'conclude', {
        version: c.version,
        conclusion: { diagnosis, recommendation, referralAdvice: advice },
      });
      onChanged();
    });

  const done = c.conclusion;
  if (done) {
    const advised = done.referralAdvice ?? 'none';
    // The advice is acted on by the side the patient is with: the requester for "up".
    const mine = user?.institution?.id === c.request?.requesterInstitution.id;
    return (
      <section className="card stack" data-testid="consult-conclusion">
        <h2 className="subhead">{t('record.conclusion')}</h2>
        <dl className="facts">
          <dt>{t('record.diagnosis')}</dt>
          <dd className="prewrap" data-testid="conclusion-diagnosis-text">
            {done.diagnosis}
          </dd>
          <dt>{t('record.recommendation')}</dt>
          <dd className="prewrap">{done.recommendation}</dd>
          <dt>{t('record.advice')}</dt>
          <dd>{t(`record.adviceOptions.${advised}`)}</dd>
        </dl>
        <div className="row wrap">
          <span
            className={done.verified ? 'pill signed' : 'pill overdue'}
            data-testid="conclusion-verified"
            data-valid={done.verified}
          >
            {done.verified ? `✓ ${t('record.verified')}` : `✗ ${t('record.notVerified')}`}
          </span>
          <span className="muted">
            {t('record.concludedBy', {
              name: done.concludedBy.displayName,
              time: dateTime(done.concludedAt),
            })}
          </span>
          <span className="spacer" />
          {mine && advised !== 'none' && c.patient && (
            <button
              type="button"
              data-testid="refer-from-consult"
              onClick={() =>
                void navigate('/referrals/new', {
                  state: {
                    prefill: {
                      patientId: c.patient?.id,
                      toInstitutionId: c.hostInstitutionId,
                      reason: `${t('record.conclusion')}：${done.recommendation}`,
                      summary: `${t('question')}：${c.request?.question ?? ''}\n${t('record.diagnosis')}：${done.diagnosis}`,
                      diagnosisText: done.diagnosis,
                    },
                  },
                })
              }
            >
              {advised === 'up' ? t('record.referUp') : t('record.referDown')}
            </button>
          )}
        </div>
      </section>
    );
  }
  return (
    <section className="card stack" data-testid="consult-conclusion">
      <h2 className="subhead">{t('record.conclusion')}</h2>
      {(
        [
          ['diagnosis', 3, diagnosis, setDiagnosis],
          ['recommendation', 4, recommendation, setRecommendation],
        ] as const
      ).map(([name, rows, value, onChange]) => (
        <label key={name}>
          {t(`record.${name}`)}
          <textarea
            data-testid={`conclusion-${name}`}
            rows={rows}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        </label>
      ))}
      <SelectField
        label={t('record.advice')}
        testId="conclusion-advice"
        value={advice}
        onChange={(v) => setAdvice(v as ReferralAdvice)}
        options={ReferralAdvice.options.map((a) => ({ value: a, label: t(`record.adviceOptions.${a}`) }))}
      />
      {failure !== null && <p className="form-error">{message}</p>}
      <div className="row">
        <button
          type="button"
          className="primary"
          data-testid="conclude-submit"
          disabled={busy || !diagnosis.trim() || !recommendation.trim()}
          onClick={() => void conclude()}
        >
          {t('record.conclude')}
        </button>
      </div>
    </section>
  );
}
