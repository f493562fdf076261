// Reads the check-in QR code off the paper slip with the PC's camera. jsQR is loaded only when
// scanning starts; frames are sampled a few times a second (office PCs are slow) and the camera
// is released as soon as a code is read, on stop, and when the page is left.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './checkin.css';

type Decode = (
  data: Uint8ClampedArray,
  width: number,
  height: number,
  o?: { inversionAttempts?: 'dontInvert' },
) => {
  data: string;
} | null;

const CODE = /[0-9A-Z]{8}/;
const SAMPLE_MS = 250;
const MAX_WIDTH = 640;

type Problem = 'insecure' | 'unavailable' | 'denied' | 'failed';
type State = 'idle' | 'starting' | 'scanning' | Problem;

export function QrScanner({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation('referrals');
  const [state, setState] = useState<State>('idle');
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  const stop = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    if (video.current) video.current.srcObject = null;
  };

  useEffect(() => stop, []);

  const start = async () => {
    // Undefined outside secure contexts (plain http on the clinic network), whatever the types say.
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (!media) {
      setState('insecure');
      return;
    }
    setState('starting');
    try {
      const [mod, camera] = await Promise.all([
        import('jsqr'),
        media.getUserMedia({ video: { facingMode: 'environment' }, audio: false }),
      ]);
      const decode = mod.default as unknown as Decode;
      stream.current = camera;
      const v = video.current;
      if (!v) {
        stop();
        return;
      }
      v.srcObject = camera;
      await v.play();
      setState('scanning');
      const canvas = document.createElement('canvas');
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      const tick = () => {
        if (!stream.current || !ctx) return;
        if (v.videoWidth > 0) {
          const scale = Math.min(1, MAX_WIDTH / v.videoWidth);
          canvas.width = Math.round(v.videoWidth * scale);
          canvas.height = Math.round(v.videoHeight * scale);
          ctx.drawImage(v, 0, 0, canvas.width, canvas.height);
          const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
          const found = decode(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
          const code = found ? CODE.exec(found.data.toUpperCase())?.[0] : undefined;
          if (code) {
            stop();
            setState('idle');
            onCodeRef.current(code);
            return;
          }
        }
        timer.current = setTimeout(tick, SAMPLE_MS);
      };
      tick();
    } catch (err) {
      stop();
      const name = err instanceof Error ? err.name : '';
      setState(
        name === 'NotAllowedError' || name === 'SecurityError'
          ? 'denied'
          : name === 'NotFoundError'
            ? 'unavailable'
            : 'failed',
      );
    }
  };

  const scanning = state === 'starting' || state === 'scanning';
  return (
    <div className="stack qr-scanner">
      <div className="row">
        {scanning ? (
          <button
            type="button"
            data-testid="qr-stop"
            onClick={() => {
              stop();
              setState('idle');
            }}
          >
            {t('checkin.stopScan')}
          </button>
        ) : (
          <button type="button" data-testid="qr-start" onClick={() => void start()}>
            {t('checkin.scan')}
          </button>
        )}
        {state === 'starting' && <span className="muted">{t('checkin.cameraStarting')}</span>}
        {state === 'scanning' && <span className="muted">{t('checkin.cameraHint')}</span>}
      </div>
      {state !== 'idle' && state !== 'starting' && state !== 'scanning' && (
        <p className="form-error" role="alert" data-testid="qr-error">
          {t(`checkin.camera.${state}`)}
        </p>
      )}
      <video
        ref={video}
        className="qr-video"
        hidden={!scanning}
        muted
        playsInline
        aria-label={t('checkin.scan')}
      />
    </div>
  );
}
