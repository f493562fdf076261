// The room's chat: the transcript and one line to type in (Enter sends, Shift+Enter breaks).
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatLine } from '@tiered-care/common';
import { timeOf } from './format';
import { useProblemText } from './problemText';
import type { ReplyError } from './roomSocket';
import './chat.css';

interface Props {
  /** The tab is showing: a hidden list has no height to scroll. */
  active: boolean;
  messages: readonly ChatLine[];
  selfUserId: string;
  loadFailed: boolean;
  onSend: (text: string) => Promise<ReplyError | null>;
}

export function ChatPanel({ active, messages, selfUserId, loadFailed, onSend }: Props) {
  const { t } = useTranslation('consult');
  const problemText = useProblemText();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);

  // Keep the newest message in sight.
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length, active]);

  const send = async () => {
    const clean = text.trim();
    if (!clean || busy) return;
    setBusy(true);
    const failed = await onSend(clean);
    setBusy(false);
    if (failed) {
      setError(problemText(failed.error));
      return;
    }
    setError(null);
    setText('');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter also confirms a candidate of a Chinese input method: only a plain Enter sends.
    if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing) return;
    e.preventDefault();
    void send();
  };

  return (
    <div className="chat">
      <ol className="chat-list" ref={list} aria-live="polite">
        {messages.length === 0 && <li className="muted">{t('room.chat.empty')}</li>}
        {messages.map((m) => (
          <li
            key={m.id}
            className={m.userId === selfUserId ? 'chat-message own' : 'chat-message'}
            data-testid="chat-message"
            data-message-id={m.id}
          >
            <span className="chat-meta">
              {m.displayName} · {timeOf(m.at)}
            </span>
            <span className="chat-text">{m.text}</span>
          </li>
        ))}
      </ol>
      {loadFailed && <p className="form-error">{t('room.chat.loadFailed')}</p>}
      {error && <p className="form-error">{error}</p>}
      <div className="chat-compose">
        <textarea
          data-testid="chat-input"
          rows={2}
          maxLength={2000}
          value={text}
          placeholder={t('room.chat.placeholder')}
          aria-label={t('room.chat.placeholder')}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button
          type="button"
          className="primary"
          data-testid="chat-send"
          disabled={busy || !text.trim()}
          onClick={() => void send()}
        >
          {t('room.chat.send')}
        </button>
      </div>
    </div>
  );
}
