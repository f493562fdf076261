import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import './states.css';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="state" role="status" data-testid="state-loading">
      {t('state.loading')}
    </div>
  );
}

export function Empty({ text }: { text?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state" data-testid="state-empty">
      {text ?? t('state.empty')}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="state error" role="alert" data-testid="state-error">
      {t('state.error', { message: useErrorMessage(error) })}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

/** A sentence for an API error: our own words for known codes, the server's otherwise. */
export function useErrorMessage(error: unknown): string {
  const { t, i18n } = useTranslation();
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    return i18n.exists(key) ? t(key) : t('errors.generic', { message: error.message });
  }
  return error instanceof Error ? error.message : String(error);
}
