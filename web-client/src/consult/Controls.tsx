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
      <DeviceToggle
        testId="toggle-mic"
        on={p.audio}
        present={p.hasAudio}
        offLabel={t('room.controls.micOff')}
        onLabel={t('room.controls.micOn')}
        onClick={p.onMic}
      />
      <DeviceToggle
        testId="toggle-camera"
        on={p.video}
        present={p.hasVideo}
        offLabel={t('room.controls.cameraOff')}
        onLabel={t('room.controls.cameraOn')}
        onClick={p.onCamera}
      />
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
function DeviceToggle(p: {
  testId: string;
  on: boolean;
  present: boolean;
  offLabel: string;
  onLabel: string;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      data-testid={p.testId}
      aria-pressed={!p.on}
      disabled={!p.present}
      onClick={p.onClick}
    >
      {p.on ? p.offLabel : p.onLabel}
    </button>
  );
}
