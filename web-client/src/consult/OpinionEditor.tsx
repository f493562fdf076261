import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useErrorMessage } from '../ui/states';
import { useAction } from '../ui/useAction';

/** A participating clinician's opinion (会诊意见); the server signs it with the author's key. */
export function OpinionEditor({ consultationId, onSaved }: { consultationId: string; onSaved?: () => void }) {
  const { t } = useTranslation('consult');
  const [text, setText] = useState('');
  const [saved, setSaved] = useState(false);
  const { busy, failure: error, run } = useAction();
  const message = useErrorMessage(error);

  const save = () =>
    run(async () => {
      await api('POST', `/api/consultations/${consultationId}/opinion`, { body: { text } });
      setSaved(true);
      onSaved?.();
    });

  return (
    <div className="stack">
      <label>
        {t('opinion')}
        <textarea
          data-testid="opinion-text"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setSaved(false);
          }}
          rows={6}
        />
      </label>
      {error !== null && <p className="form-error">{message}</p>}
      {saved && <p className="muted">{t('signedSaved')}</p>}
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={busy || !text.trim()}
          onClick={() => void save()}
          data-testid="opinion-submit"
        >
          {t('signAndSave')}
        </button>
      </div>
    </div>
  );
}
