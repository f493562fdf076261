import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemText } from './problemText';
import type { Notice } from './useConsultRoom';
import './room.css';

const SHOW_MS = 8_000;

/** The latest refusal or media problem, until dismissed or replaced (or after a few seconds). */
export function NoticeBar({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(onDismiss, SHOW_MS);
    return () => clearTimeout(timer);
  }, [notice, onDismiss]);
  if (!notice) return null;
  return (
    <div className="consult-notice" role="alert" data-testid="consult-notice" data-code={notice.code}>
      <span>{problemText(notice)}</span>
      <button type="button" onClick={onDismiss} aria-label={t('form.close')}>
        ×
      </button>
    </div>
  );
}
