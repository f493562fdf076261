// The room's other screens: waiting for the host, replaced by another window, ended, not found.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LocalPreview } from './LocalPreview';
import type { LocalMedia } from './useLocalMedia';
import './prejoin.css';

export function WaitingRoom({
  title,
  local,
  onLeave,
}: {
  title: string;
  local: LocalMedia;
  onLeave: () => void;
}) {
  const { t } = useTranslation('consult');
  return (
    <section className="card consult-message" data-testid="waiting-room" role="status">
      <h1>{title}</h1>
      <h2>{t('room.waiting')}</h2>
      <p className="muted">{t('room.waitingHint')}</p>
      <LocalPreview stream={local.stream} hasVideo={local.hasVideo} />
      <button type="button" data-testid="leave-consult" onClick={onLeave}>
        {t('room.cancel')}
      </button>
    </section>
  );
}

export function Replaced({ onRejoin }: { onRejoin: () => void }) {
  const { t } = useTranslation('consult');
  return (
    <section className="card consult-message" data-testid="consult-replaced" role="status">
      <p>{t('room.replaced')}</p>
      <div className="row">
        <button type="button" className="primary" data-testid="join-consult" onClick={onRejoin}>
          {t('room.useHere')}
        </button>
        <Link to="/consultations">{t('room.back')}</Link>
      </div>
    </section>
  );
}

export function RoomMessage({ testId, text }: { testId: string; text: string }) {
  const { t } = useTranslation('consult');
  return (
    <section className="card consult-message" data-testid={testId} role="status">
      <p>{text}</p>
      <Link to="/consultations">{t('room.back')}</Link>
    </section>
  );
}
