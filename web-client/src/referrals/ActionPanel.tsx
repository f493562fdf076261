// The actions the caller may take on this referral now (the API's `allowedActions`), each behind
// a small form and a confirm button. On a conflict (someone else acted first) the referral is
// reloaded and whatever was typed stays.
import type { Referral, ReferralAction } from '@tiered-care/common';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useErrorMessage } from '../ui/states';
import { DANGER, emptyActionForm, parseActionBody, type ActionFormState } from './actionBody';
import { ActionForm } from './ActionForm';
import { performAction } from './api';
import { OpenActionForm } from './OpenActionForm';
import { apiFieldErrors, zodErrors, type FieldErrors } from './validation';
import './referralView.css';

export function ActionPanel({
  referral,
  onChanged,
  onReload,
}: {
  referral: Referral;
  onChanged: (r: Referral) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation('referrals');
  const [open, setOpen] = useState<ReferralAction | null>(null);
  const [forms, setForms] = useState<Partial<Record<ReferralAction, ActionFormState>>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<ReferralAction | null>(null);
  const [busy, setBusy] = useState(false);
  const failureText = useErrorMessage(failure);

  // Another referral in the same panel (the worklist drawer): start clean.
  useEffect(() => {
    setOpen(null);
    setForms({});
    setErrors({});
    setFailure(null);
    setDone(null);
  }, [referral.id]);

  const allowed = referral.allowedActions;
  const form = open ? (forms[open] ?? emptyActionForm) : emptyActionForm;
  // Someone else may act first (seen live or after a 409): the form and its text stay, the
  // confirm button goes, and the user is told why.
  const stillAllowed = open !== null && allowed.includes(open);

  const choose = (a: ReferralAction) => {
    setOpen(open === a ? null : a);
    setErrors({});
    setFailure(null);
    setDone(null);
  };

  const patch = (p: Partial<ActionFormState>) => {
    if (open) setForms((f) => ({ ...f, [open]: { ...(f[open] ?? emptyActionForm), ...p } }));
  };

  const confirm = async () => {
    if (!open || busy) return;
    const formats = { 'feedback.diagnosis': t('validation.required') };
    const parsed = parseActionBody(open, referral.version, form);
    setFailure(null);
    if (!parsed.success) {
      setErrors(zodErrors(t, parsed.issues, formats));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const updated = await performAction(referral.id, open, parsed.data);
      setForms((f) => ({ ...f, [open]: undefined }));
      setDone(open);
      setOpen(null);
      onChanged(updated);
    } catch (err) {
      setErrors(apiFieldErrors(t, err, formats) ?? {});
      setFailure(err);
      if (err instanceof ApiError && err.status === 409) onReload();
    } finally {
      setBusy(false);
    }
  };

  if (allowed.length === 0 && !failure && !done && !open) return null;

  return (
    <section className="card stack action-panel" aria-labelledby="actions-heading" data-testid="action-panel">
      <h2 id="actions-heading">{t('actions.title')}</h2>
      {allowed.length === 0 ? (
        <p className="muted">{t('actions.none')}</p>
      ) : (
        <div className="row">
          {allowed.map((a) => (
            <button
              key={a}
              type="button"
              data-testid={`action-${a}`}
              aria-expanded={open === a}
              className={open === a ? 'primary' : DANGER.has(a) ? 'danger' : undefined}
              onClick={() => choose(a)}
            >
              {t(`common:action.${a}`)}
            </button>
          ))}
        </div>
      )}
      {open && (
        <OpenActionForm
          action={open}
          overtakenAt={stillAllowed ? null : referral.status}
          busy={busy}
          onConfirm={() => void confirm()}
          onClose={() => setOpen(null)}
        >
          <ActionForm action={open} referral={referral} value={form} onChange={patch} errors={errors} />
        </OpenActionForm>
      )}
      {/* After a 409 that took the action away, the notice above already says what happened. */}
      {failure !== null &&
        !(open && !stillAllowed && failure instanceof ApiError && failure.status === 409) && (
          <p className="form-error" role="alert" data-testid="action-error">
            {failure instanceof ApiError && failure.status === 409 ? t('actions.conflict') : failureText}
          </p>
        )}
      {done && (
        <p className="action-done" role="status" data-testid="action-done">
          {t('actions.done', { action: t(`common:action.${done}`) })}
        </p>
      )}
    </section>
  );
}
