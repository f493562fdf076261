// One video: a remote camera (with its sound), a remote screen, or the own muted preview.
import type { ConnectionQuality } from '@tiered-care/common';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MediaMarks, QualityIndicator } from './MediaMarks';
import type { SimulcastLayer } from '@tiered-care/common';
import './videoTile.css';

export interface TileInfo {
  userId: string;
  name: string;
  institution: string | null;
  audio: boolean;
  video: boolean;
  hand: boolean;
  quality: ConnectionQuality;
}

interface Props {
  kind: 'remote-video' | 'remote-screen' | 'local-video';
  stream: MediaStream | null;
  /** Whether a <video> belongs here at all (a participant without a camera feed shows a name card). */
  hasVideo: boolean;
  info: TileInfo;
  layer?: SimulcastLayer | null;
  connecting?: boolean;
}

export function VideoTile({ kind, stream, hasVideo, info, layer = null, connecting = false }: Props) {
  const { t } = useTranslation('consult');
  const screen = kind === 'remote-screen';
  return (
    <figure
      className={`tile ${kind}`}
      data-testid={`${kind}-tile`}
      data-user-id={info.userId}
      data-layer={layer ?? ''}
    >
      {hasVideo ? (
        <Video testId={kind} userId={info.userId} stream={stream} muted={kind !== 'remote-video'} />
      ) : (
        <div className="tile-card" aria-hidden="true">
          {info.name.slice(0, 1)}
        </div>
      )}
      {hasVideo && !info.video && !screen && <div className="tile-off">{info.name.slice(0, 1)}</div>}
      {connecting && <div className="tile-note">{t('room.connecting')}</div>}
      {layer === 'audio-only' && (
        <div className="tile-note" data-testid="layer-hint" data-layer="audio-only">
          {t('room.audioOnly')}
        </div>
      )}
      <figcaption className="tile-label">
        <span className="tile-name">
          {screen ? t('room.screenOf', { name: info.name }) : info.name}
          {kind === 'local-video' && ` (${t('room.you')})`}
        </span>
        {info.institution && !screen && <span className="tile-inst">{info.institution}</span>}
        {!screen && <MediaMarks audio={info.audio} video={info.video} hand={info.hand} />}
        {!screen && <QualityIndicator quality={info.quality} />}
      </figcaption>
    </figure>
  );
}

/**
 * A <video> playing a MediaStream. A remote camera is not muted: its sound plays through it.
 * Browsers may refuse to start sound without a click on this page; then a button asks for one.
 */
function Video({
  testId,
  userId,
  stream,
  muted,
}: {
  testId: string;
  userId: string;
  stream: MediaStream | null;
  muted: boolean;
}) {
  const { t } = useTranslation('consult');
  const ref = useRef<HTMLVideoElement>(null);
  const [blocked, setBlocked] = useState(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.srcObject = stream;
    if (!stream) return;
    el.play().then(
      () => setBlocked(false),
      (err: unknown) => setBlocked(err instanceof DOMException && err.name === 'NotAllowedError'),
    );
  }, [stream]);

  return (
    <>
      <video ref={ref} data-testid={testId} data-user-id={userId} autoPlay playsInline muted={muted} />
      {blocked && (
        <button
          type="button"
          className="tile-play"
          onClick={() =>
            void ref.current?.play().then(
              () => setBlocked(false),
              () => undefined,
            )
          }
        >
          {t('room.playSound')}
        </button>
      )}
    </>
  );
}
