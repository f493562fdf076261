import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import './videoTile.css';
import './prejoin.css';

/** The own camera before joining (and while waiting): muted, mirrored like a mirror. */
export function LocalPreview({ stream, hasVideo }: { stream: MediaStream | null; hasVideo: boolean }) {
  const { t } = useTranslation('consult');
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  return (
    <div className="prejoin-preview">
      <video ref={ref} data-testid="local-preview" autoPlay playsInline muted hidden={!hasVideo} />
      {!hasVideo && <div className="tile-card">{t('room.noPreview')}</div>}
    </div>
  );
}
