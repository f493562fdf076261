// The room's buttons: microphone, camera, screen, hand, recording (host), leave, end (host).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './room.css';

interface Props {
  audio: boolean;
  video: boolean;
  hasAudio: boolean;
  hasVideo: boolean;
  mediaAvailable: boolean;
  sharing: boolean;
  handRaised: boolean;
  isHost: boolean;
  recording: { active: boolean; requested: boolean };
  onMic: () => void;
  onCamera: () => void;
  onShare: () => void;
  onHand: () => void;
  onStartRecording: () => void;
  onStopRecording: () => void;
  onLeave: () => void;
  onEnd: () => void;
}

export function Controls(p: Props) {
  const { t } = useTranslation('consult');
  // An inline confirmation rather than window.confirm: it can't be dismissed by accident and
  // doesn't block the page (the room keeps receiving while it is open).
  const [confirmEnd, setConfirmEnd] = useState(false);
  const canShare =
    p.mediaAvailable && 'mediaDevices' in navigator && 'getDisplayMedia' in navigator.mediaDevices;

  return (
    <div className="consult-controls" role="toolbar" aria-label={t('room.title')}>
      {(
        [
          ['mic', p.audio, p.hasAudio, p.onMic],
          ['camera', p.video, p.hasVideo, p.onCamera],
        ] as const
      ).map(([device, on, present, onClick]) => (
        <button
          key={device}
          type="button"
          data-testid={`toggle-${device}`}
          aria-pressed={!on}
          disabled={!present}
          onClick={onClick}
        >
          {on ? t(`room.controls.${device}Off`) : t(`room.controls.${device}On`)}
        </button>
      ))}
      <button
        type="button"
        data-testid="share-screen"
        aria-pressed={p.sharing}
        disabled={!canShare && !p.sharing}
        onClick={p.onShare}
      >
        {p.sharing ? t('room.controls.stopShare') : t('room.controls.share')}
      </button>
      <button type="button" data-testid="raise-hand" aria-pressed={p.handRaised} onClick={p.onHand}>
        {p.handRaised ? t('room.controls.lowerHand') : t('room.controls.raiseHand')}
      </button>
      {p.isHost &&
        (p.recording.active || p.recording.requested ? (
          <button type="button" data-testid="stop-recording" onClick={p.onStopRecording}>
            {t('room.controls.stopRecording')}
          </button>
        ) : (
          <button type="button" data-testid="start-recording" onClick={p.onStartRecording}>
            {t('room.controls.startRecording')}
          </button>
        ))}
      <span className="spacer" />
      <button type="button" data-testid="leave-consult" onClick={p.onLeave}>
        {t('room.controls.leave')}
      </button>
      {p.isHost && !confirmEnd && (
        <button
          type="button"
          className="danger"
          data-testid="end-consult"
          onClick={() => setConfirmEnd(true)}
        >
          {t('room.controls.end')}
        </button>
      )}
      {p.isHost && confirmEnd && (
        <span className="end-confirm" role="alertdialog" aria-label={t('room.controls.endConfirm')}>
          {t('room.controls.endConfirm')}
          <button
            type="button"
            className="danger"
            data-testid="end-consult-confirm"
            onClick={() => {
              setConfirmEnd(false);
              p.onEnd();
            }}
          >
            {t('room.controls.endYes')}
          </button>
          <button type="button" data-testid="end-consult-cancel" onClick={() => setConfirmEnd(false)}>
            {t('room.controls.endNo')}
          </button>
        </span>
      )}
    </div>
  );
}

/** Microphone or camera: pressed while switched off; disabled when the device is missing. */
