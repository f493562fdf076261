// The small signs on a video tile and in the participant list: connection quality, muted
// microphone, camera off, raised hand.
import type { ConnectionQuality } from '@tiered-care/common';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './videoTile.css';

export function QualityIndicator({ quality }: { quality: ConnectionQuality }) {
  const { t } = useTranslation('consult');
  const label = t(`room.quality.${quality}`);
  return (
    <span
      className={`quality q-${quality}`}
      data-testid="connection-quality"
      data-quality={quality}
      title={label}
      role="img"
      aria-label={label}
    >
      <i />
      <i />
      <i />
    </span>
  );
}

export function MediaMarks({ audio, video, hand }: { audio: boolean; video: boolean; hand: boolean }) {
  const { t } = useTranslation('consult');
  return (
    <>
      {hand && (
        <span className="mark hand" data-testid="hand-raised">
          {t('room.participant.hand')}
        </span>
      )}
      {!audio && (
        <span className="mark off" data-testid="mic-off" title={t('room.participant.micOff')}>
          <MicOffIcon />
        </span>
      )}
      {!video && (
        <span className="mark off" data-testid="camera-off" title={t('room.participant.cameraOff')}>
          <CameraOffIcon />
        </span>
      )}
    </>
  );
}

// Inline icons: office PCs often have no colour-emoji font.
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      {children}
    </svg>
  );
}

function MicOffIcon() {
  return (
    <Icon>
      <path d="M9 9v3a3 3 0 0 0 5.1 2.1M15 9.3V5a3 3 0 0 0-5.9-.7" />
      <path d="M19 11a7 7 0 0 1-1.2 3.9M5 11a7 7 0 0 0 11.6 5.3M12 18v3M3 3l18 18" />
    </Icon>
  );
}

function CameraOffIcon() {
  return (
    <Icon>
      <path d="M16 16v1a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2h2m5 0h3a2 2 0 0 1 2 2v3.3l1 1L22 7v10" />
      <path d="M3 3l18 18" />
    </Icon>
  );
}
