// The form of the action chosen in the action panel, with its confirm and cancel buttons; it says
// so when someone else acted first and the action is no longer allowed.
import type { ReferralAction, ReferralStatus } from '@tiered-care/common';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DANGER } from './actionBody';

interface Props {
  action: ReferralAction;
  /** The referral's status when someone else acted first and took this action away; else null. */
  overtakenAt: ReferralStatus | null;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
  /** The action's fields. */
  children: ReactNode;
}

export function OpenActionForm({ action: open, overtakenAt, busy, onConfirm, onClose, children }: Props) {
  const { t } = useTranslation('referrals');
  const formRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  }, [open]);

  return (
    <div
      className="action-form stack"
      ref={formRef}
      data-testid={`action-form-${open}`}
      onKeyDown={(e) => {
        // Esc closes this form only, not the drawer around it.
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      {overtakenAt !== null && (
        <p className="form-error" role="alert" data-testid="action-overtaken">
          {t('actions.overtaken', {
            action: t(`common:action.${open}`),
            status: t(`common:status.${overtakenAt}`),
          })}
        </p>
      )}
      {children}
      <div className="row">
        <button
          type="button"
          className={DANGER.has(open) ? 'danger' : 'primary'}
          data-testid="action-confirm"
          disabled={busy || overtakenAt !== null}
          onClick={onConfirm}
        >
          {busy ? t('actions.working') : t('actions.confirm', { action: t(`common:action.${open}`) })}
        </button>
        <button type="button" onClick={onClose} disabled={busy}>
          {t('common:form.cancel')}
        </button>
      </div>
    </div>
  );
}
