import { useTranslation } from 'react-i18next';
import { time } from './format';
import type { ConsultationRecord } from '@tiered-care/common';
import './consultations.css';

/** The session's chat, as it was written. */
export function ChatHistory({ messages }: { messages: ConsultationRecord['messages'] }) {
  const { t } = useTranslation('consultations');
  return (
    <section className="card stack">
      <h2 className="subhead">{t('record.chat')}</h2>
      {messages.length === 0 ? (
        <p className="muted">{t('record.noChat')}</p>
      ) : (
        <ol className="chat-history">
          {messages.map((m) => (
            <li key={m.id} data-testid="record-message">
              <span className="muted">{time(m.at)}</span> <strong>{m.displayName}</strong>：{m.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
