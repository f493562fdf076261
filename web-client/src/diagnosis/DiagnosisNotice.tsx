// The live notification of remote diagnosis, on every page: the requester hears at once that a
// report came back (a critical finding in red, until opened), the centre's readers that a new
// request arrived. The payload carries ids only (no patient data).
import type { DiagnosisChanged } from '@tiered-care/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useLiveEvent } from '../api/live';
import { useSession } from '../auth/session';
import './diagnosis.css';

const REPORTED = new Set(['sign', 'cosign', 'amend']);

function noticeKey(e: DiagnosisChanged, me: string): string | null {
  if (e.actorUserId === me) return null;
  if (e.requesterUserId === me) {
    if (!REPORTED.has(e.action) || e.status !== 'signed') return null;
    return e.critical ? 'notice.critical' : 'notice.signed';
  }
  return e.action === 'request' || e.action === 'create' ? 'notice.requested' : null;
}

export function DiagnosisNotice() {
  const { t } = useTranslation('diagnosis');
  const { user } = useSession();
  const [notices, setNotices] = useState<(DiagnosisChanged & { text: string })[]>([]);
  useLiveEvent('diagnosis:changed', (e) => {
    const key = user ? noticeKey(e, user.id) : null;
    if (!key) return;
    setNotices((n) => [...n.filter((x) => x.requestId !== e.requestId), { ...e, text: key }].slice(-3));
  });
  const close = (id: string) => setNotices((n) => n.filter((x) => x.requestId !== id));
  // The request's own page shows it already.
  const { pathname } = useLocation();
  const shown = notices.filter((n) => pathname !== `/diagnosis/${n.requestId}`);
  if (shown.length === 0) return null;
  return (
    <div className="diagnosis-notices" aria-live="assertive">
      {shown.map((n) => (
        <div
          key={n.requestId}
          className={`diagnosis-notice${n.critical ? ' critical' : ''}`}
          role={n.critical ? 'alert' : 'status'}
          data-testid="diagnosis-notice"
          data-request-id={n.requestId}
          data-critical={n.critical}
        >
          <span>{t(n.text)}</span>
          <Link
            to={`/diagnosis/${n.requestId}`}
            data-testid="diagnosis-notice-open"
            onClick={() => close(n.requestId)}
          >
            {t('notice.open')}
          </Link>
          <button type="button" aria-label={t('notice.close')} onClick={() => close(n.requestId)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
