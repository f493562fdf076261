// The bars above the videos: reconnecting, media unavailable, recording consent, the latest notice.
import type { RoomParticipant, RoomState } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import { NoticeBar } from './NoticeBar';
import { RecordingBar } from './RecordingBar';
import type { Notice } from './useConsultRoom';
import './room.css';

export function RoomBars({
  connected,
  mediaAvailable,
  recording,
  me,
  onConsent,
  notice,
  onDismiss,
}: {
  connected: boolean;
  mediaAvailable: boolean;
  recording: RoomState['recording'];
  me: RoomParticipant | null;
  onConsent: (consent: boolean) => void;
  notice: Notice | null;
  onDismiss: () => void;
}) {
  const { t } = useTranslation('consult');
  return (
    <div className="consult-bars">
      {!connected && (
        <div className="banner" role="status" data-testid="reconnecting">
          {t('room.reconnecting')}
        </div>
      )}
      {!mediaAvailable && (
        <div className="banner" role="status" data-testid="media-unavailable">
          {t('room.media.unavailable')}
        </div>
      )}
      <RecordingBar recording={recording} me={me} onConsent={onConsent} />
      <NoticeBar notice={notice} onDismiss={onDismiss} />
    </div>
  );
}
