// Everyone invited: who is in the room, who waits for the host (with the host's admit button),
// who hasn't come; hands, muted microphones and connection quality.
import type { RoomParticipant } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import { MediaMarks, QualityIndicator } from './MediaMarks';
import './sidePanel.css';

interface Props {
  participants: readonly RoomParticipant[];
  selfUserId: string;
  isHost: boolean;
  onAdmit: (userId: string) => void;
}

// Waiting people first: the host should see them without scrolling.
const rank = (p: RoomParticipant) => (p.waiting ? 0 : p.present ? 1 : 2);

export function ParticipantList({ participants, selfUserId, isHost, onAdmit }: Props) {
  const { t } = useTranslation('consult');
  const sorted = [...participants].sort((a, b) => rank(a) - rank(b));
  return (
    <ul className="participants">
      {sorted.map((p) => (
        <li
          key={p.userId}
          data-testid="participant"
          data-user-id={p.userId}
          data-present={p.present}
          data-waiting={p.waiting}
          className={p.present ? 'present' : p.waiting ? 'waiting' : 'absent'}
        >
          <div className="participant-who">
            <strong>
              {p.displayName}
              {p.userId === selfUserId && ` (${t('room.you')})`}
            </strong>
            {p.role === 'host' && <span className="pill">{t('room.participant.host')}</span>}
            <span className="muted small">{p.institutionName}</span>
          </div>
          <div className="participant-state">
            <span className="muted small">
              {p.present
                ? t('room.participant.present')
                : p.waiting
                  ? t('room.participant.waiting')
                  : t('room.participant.absent')}
            </span>
            {p.present && <MediaMarks audio={p.audio} video={p.video} hand={p.handRaised} />}
            {p.present && <QualityIndicator quality={p.quality} />}
            {isHost && p.waiting && (
              <button
                type="button"
                className="primary"
                data-testid="admit-participant"
                data-user-id={p.userId}
                onClick={() => onAdmit(p.userId)}
              >
                {t('room.participant.admit')}
              </button>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
