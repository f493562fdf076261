// The worklist's side drawer: one referral with its actions, without leaving the list.
// Esc closes it.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Referral } from '@tiered-care/common';
import { ActionPanel } from '../referrals/ActionPanel';
import { ReferralView } from '../referrals/ReferralView';
import { useReferral } from '../referrals/useReferral';
import { ErrorState, Loading } from '../ui/states';
import './worklist.css';

export function ReferralDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: string;
  onClose: () => void;
  onChanged: (r: Referral) => void;
}) {
  const { t } = useTranslation('referrals');
  const { referral, error, reload, replace } = useReferral(id);
  const ref = useRef<HTMLElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    ref.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') closeRef.current();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, []);

  return (
    <aside
      className="drawer"
      ref={ref}
      tabIndex={-1}
      role="dialog"
      aria-label={t('drawer.label')}
      data-testid="referral-drawer"
    >
      <div className="row drawer-bar">
        <Link to={`/referrals/${id}`}>{t('drawer.openPage')}</Link>
        <span className="spacer" />
        <button
          type="button"
          data-testid="drawer-close"
          onClick={onClose}
          aria-label={t('common:form.close')}
        >
          ✕ {t('common:form.close')}
        </button>
      </div>
      {referral ? (
        <ReferralView
          referral={referral}
          headingLevel={2}
          actions={
            <ActionPanel
              referral={referral}
              onChanged={(r) => {
                replace(r);
                onChanged(r);
              }}
              onReload={reload}
            />
          }
        />
      ) : error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : (
        <Loading />
      )}
    </aside>
  );
}
