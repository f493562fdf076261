// Recording: the red indicator everyone sees while it runs, the request's progress, and the
// consent prompt for each participant who hasn't consented yet.
import type { RoomParticipant, RoomState } from '@tiered-care/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './recording.css';

export function RecordingIndicator({ active }: { active: boolean }) {
  const { t } = useTranslation('consult');
  if (!active) return null;
  return (
    <span className="recording-indicator" data-testid="recording-indicator" role="status">
      <i aria-hidden="true" />
      {t('room.recording.active')}
    </span>
  );
}

interface Props {
  recording: RoomState['recording'];
  me: RoomParticipant | null;
  onConsent: (consent: boolean) => void;
}

export function RecordingBar({ recording, me, onConsent }: Props) {
  const { t } = useTranslation('consult');
  // A declined request stays declined on this screen until the host asks again (the request ends).
  const [declined, setDeclined] = useState(false);
  const [seenRequested, setSeenRequested] = useState(recording.requested);
  if (seenRequested !== recording.requested) {
    setSeenRequested(recording.requested);
    if (!recording.requested) setDeclined(false);
  }

  if (!recording.requested || !me) return null;
  if (me.recordingConsent) {
    if (recording.active) return null;
    return (
      <div className="recording-bar muted" role="status">
        {t('room.recording.requested')}
      </div>
    );
  }
  if (declined) {
    return (
      <div className="recording-bar" role="status">
        {t('room.recording.declined')}
        <button type="button" data-testid="consent-accept" onClick={() => onConsent(true)}>
          {t('room.recording.accept')}
        </button>
      </div>
    );
  }
  return (
    <div className="recording-bar consent" data-testid="consent-prompt" role="alertdialog">
      <div>
        <strong>{t('room.recording.consentTitle')}</strong>
        <p className="muted small">{t('room.recording.consentText')}</p>
      </div>
      <button type="button" className="primary" data-testid="consent-accept" onClick={() => onConsent(true)}>
        {t('room.recording.accept')}
      </button>
      <button
        type="button"
        data-testid="consent-decline"
        onClick={() => {
          setDeclined(true);
          onConsent(false);
        }}
      >
        {t('room.recording.decline')}
      </button>
    </div>
  );
}
