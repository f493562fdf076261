// Submit and save-as-draft, with the error of the last try above them.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { useErrorMessage } from '../ui/states';
import './referralForm.css';

interface Props {
  failure: unknown;
  busy: 'submit' | 'draft' | null;
  /** A slot is chosen: submitting also books it. */
  booking: boolean;
  onDraft: () => void;
}

export function NewReferralActions({ failure, busy, booking, onDraft }: Props) {
  const { t } = useTranslation('referrals');
  const failureText = useErrorMessage(failure);
  return (
    <div className="form-actions">
      {failure !== null && (
        <p className="form-error" role="alert" data-testid="referral-form-error">
          {failureText}
          {failure instanceof ApiError && failure.code === 'idempotency_key_reused' && (
            <>
              {' '}
              <Link to="/referrals">{t('new.seeMine')}</Link>
            </>
          )}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" data-testid="referral-form-submit" disabled={busy !== null}>
          {busy === 'submit' ? t('new.submitting') : booking ? t('new.submitAndBook') : t('new.submit')}
        </button>
        <button type="button" data-testid="referral-form-draft" disabled={busy !== null} onClick={onDraft}>
          {busy === 'draft' ? t('new.saving') : t('new.saveDraft')}
        </button>
      </div>
    </div>
  );
}
