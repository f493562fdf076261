// 转诊报到: the patient arrives with the slip; the desk types its 8-character code or scans the
// QR code, and the referral is checked in.
import { CheckInBody } from '@tiered-care/common';
import { useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import type { Referral } from '@tiered-care/common';
import { checkInByCode } from '../referrals/api';
import { ReferralView } from '../referrals/ReferralView';
import { useErrorMessage } from '../ui/states';
import { QrScanner } from './QrScanner';
import './checkin.css';

const clean = (s: string) => s.replace(/\s/g, '').toUpperCase();

export default function CheckInPage() {
  const { t } = useTranslation('referrals');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [formatError, setFormatError] = useState(false);
  const [done, setDone] = useState<Referral | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const generic = useErrorMessage(failure);

  const checkIn = async (raw: string) => {
    const parsed = CheckInBody.safeParse({ code: clean(raw) });
    setFailure(null);
    if (!parsed.success) {
      setFormatError(true);
      input.current?.focus();
      return;
    }
    setFormatError(false);
    setBusy(true);
    try {
      const r = await checkInByCode(parsed.data.code);
      setDone(r);
      setCode('');
    } catch (err) {
      setFailure(err);
      setDone(null);
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  };

  const onSubmit = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!busy) void checkIn(code);
  };

  const conflictStatus =
    failure instanceof ApiError ? (failure.details as { status?: unknown } | undefined)?.status : null;
  const message =
    failure instanceof ApiError && failure.status === 404
      ? t('checkin.unknown')
      : failure instanceof ApiError && failure.status === 409
        ? t('checkin.wrongState', {
            status:
              typeof conflictStatus === 'string'
                ? t(`common:status.${conflictStatus}`, { defaultValue: conflictStatus })
                : '—',
          })
        : generic;

  return (
    <div className="stack checkin">
      <h1>{t('checkin.title')}</h1>
      <section className="card stack checkin-card">
        <form className="row checkin-form" onSubmit={onSubmit} noValidate>
          <label htmlFor="checkin-code">{t('checkin.code')}</label>
          <input
            id="checkin-code"
            ref={input}
            data-testid="checkin-code"
            className="checkin-input"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            maxLength={12}
            placeholder="ABCD2345"
            value={code}
            aria-invalid={formatError || undefined}
            aria-describedby={formatError ? 'checkin-code-error' : undefined}
            onChange={(e) => {
              setCode(clean(e.target.value));
              setFormatError(false);
            }}
          />
          <button type="submit" className="primary" data-testid="checkin-submit" disabled={busy}>
            {busy ? t('checkin.working') : t('checkin.submit')}
          </button>
        </form>
        <p className="muted">{t('checkin.hint')}</p>
        {formatError && (
          <p className="field-error" id="checkin-code-error" data-testid="checkin-format-error">
            {t('checkin.format')}
          </p>
        )}
        {failure !== null && (
          <p className="form-error" role="alert" data-testid="checkin-error">
            {message}
          </p>
        )}
        <QrScanner
          onCode={(scanned) => {
            setCode(scanned);
            void checkIn(scanned);
          }}
        />
      </section>
      {done && (
        <section className="stack" data-testid="checkin-result">
          <p className="success" role="status" data-testid="checkin-success">
            {t('checkin.success', { name: done.patient?.name ?? '' })}{' '}
            <Link to={`/referrals/${done.id}`}>{t('drawer.openPage')}</Link>
          </p>
          <ReferralView referral={done} headingLevel={2} />
        </section>
      )}
    </div>
  );
}
