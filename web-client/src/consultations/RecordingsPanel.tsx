// 会诊录像: each finished recording with its files (one per participant), played in the page.
// The file is fetched with the token (a <video src> can't send one) and played from a blob.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Frame } from '../ui/Frame';
import { fetchBlob } from '../api/client';
import { useErrorMessage } from '../ui/states';
import { recordingFiles } from './api';
import { dateTime } from './format';
import type { ConsultationRecord, ConsultationRecording } from '@tiered-care/common';
import './consultations.css';

export function RecordingsPanel({ consultation: c }: { consultation: ConsultationRecord }) {
  const { t } = useTranslation('consultations');
  // Each file is one participant's stream; its name carries their user id.
  const labelOf = (name: string) => c.participants.find((p) => name.includes(p.userId))?.displayName ?? name;
  return (
    <section className="card stack">
      <h2 className="subhead">{t('record.recordings')}</h2>
      {c.recordings.length === 0 && <p className="muted">{t('record.noRecordings')}</p>}
      {c.recordings.map((r) => (
        <RecordingItem key={r.id} consultationId={c.id} recording={r} labelOf={labelOf} />
      ))}
    </section>
  );
}

function RecordingItem({
  consultationId,
  recording: r,
  labelOf,
}: {
  consultationId: string;
  recording: ConsultationRecording;
  labelOf: (fileName: string) => string;
}) {
  const { t } = useTranslation('consultations');
  const [files, setFiles] = useState<{ name: string; contentType: string }[]>([]);
  const [file, setFile] = useState('');
  const [src, setSrc] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const message = useErrorMessage(failure);

  useEffect(() => {
    if (r.status !== 'ready') return;
    let stale = false;
    recordingFiles(consultationId, r.id).then((list) => {
      if (stale) return;
      setFiles(list);
      setFile(list.find((f) => f.contentType.startsWith('video/'))?.name ?? list[0]?.name ?? '');
    }, setFailure);
    return () => {
      stale = true;
    };
  }, [consultationId, r.id, r.status]);
  useEffect(
    () => () => {
      if (src) URL.revokeObjectURL(src);
    },
    [src],
  );

  const play = async () => {
    setFailure(null);
    setBusy(true);
    try {
      const blob = await fetchBlob(
        `/api/consultations/${encodeURIComponent(consultationId)}/recordings/${encodeURIComponent(r.id)}/files/${encodeURIComponent(file)}`,
      );
      setSrc(URL.createObjectURL(blob));
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Frame
      className="stack recording"
      testId="recording-item"
      data={{ 'recording-id': r.id, status: r.status }}
    >
      <div className="row wrap">
        <span>{dateTime(r.startedAt)}</span>
        {r.durationSeconds !== null && <span className="muted">{Math.round(r.durationSeconds)} s</span>}
        <span className="pill">{r.status}</span>
        {files.length > 1 && (
          <select value={file} onChange={(e) => setFile(e.target.value)} aria-label={t('record.recordings')}>
            {files.map((f) => (
              <option key={f.name} value={f.name}>
                {labelOf(f.name)}
              </option>
            ))}
          </select>
        )}
        {r.status === 'ready' && file && (
          <button type="button" data-testid="recording-play" disabled={busy} onClick={() => void play()}>
            {busy ? t('record.loading') : t('record.play')}
          </button>
        )}
      </div>
      <video
        controls
        playsInline
        src={src ?? undefined}
        autoPlay={src !== null}
        muted
        data-testid="recording-video"
      />
      {failure !== null && <p className="form-error">{message}</p>}
    </Frame>
  );
}
