// Series thumbnails: the middle image of each series, decoded by the same loader as the viewer
// (Orthanc's DICOMweb has no thumbnail endpoint). One thumbnail at a time, and none before the
// viewer shows its first image, so a clinic's thin link serves the displayed image first.
import { utilities } from '@cornerstonejs/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { middleIndex, type SeriesSummary } from './imageIds';
import { loadStack } from './studyLoader';
import './viewer.css';

let queue: Promise<unknown> = Promise.resolve();
function enqueue<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

const SIZE = 88;

function Thumb({
  root,
  studyUid,
  series,
  active,
  paused,
  onSelect,
}: {
  root: string;
  studyUid: string;
  series: SeriesSummary;
  active: boolean;
  paused: boolean;
  onSelect: (seriesUid: string) => void;
}) {
  const { t } = useTranslation('viewer');
  const canvas = useRef<HTMLCanvasElement>(null);
  const [count, setCount] = useState<number | null>(series.instanceCount);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    if (paused) return;
    const controller = new AbortController();
    // A function, so the check after the await reads the flag the cleanup may have flipped.
    const cancelled = () => controller.signal.aborted;
    enqueue(async () => {
      if (cancelled()) return;
      const stack = await loadStack(root, studyUid, series.seriesUid);
      if (cancelled()) return;
      setCount(stack.length);
      const entry = stack[middleIndex(stack.length)];
      const el = canvas.current;
      if (!entry || !el) throw new Error('no image');
      await utilities.loadImageToCanvas({ canvas: el, imageId: entry.imageId, thumbnail: true });
    }).then(
      () => !cancelled() && setState('ready'),
      () => !cancelled() && setState('failed'),
    );
    return () => controller.abort();
  }, [root, studyUid, series.seriesUid, paused]);

  return (
    <button
      type="button"
      className={`viewer-thumb${active ? ' active' : ''}`}
      data-testid="series-thumb"
      data-series-uid={series.seriesUid}
      data-state={state}
      aria-pressed={active}
      onClick={() => onSelect(series.seriesUid)}
    >
      <canvas ref={canvas} width={SIZE} height={SIZE} />
      <span className="viewer-thumb-title">
        {series.modality ?? ''}{' '}
        {series.seriesNumber !== null && t('seriesLabel', { number: series.seriesNumber })}
      </span>
      <span className="viewer-thumb-desc" title={series.description}>
        {series.description}
      </span>
      {count !== null && <span className="viewer-thumb-count">{t('imageCount', { count })}</span>}
    </button>
  );
}

export function SeriesThumbs({
  root,
  studyUid,
  series,
  activeSeriesUid,
  paused = false,
  onSelect,
}: {
  root: string;
  studyUid: string;
  series: SeriesSummary[];
  activeSeriesUid: string | null;
  /** True until the viewer has shown its first image. */
  paused?: boolean;
  onSelect: (seriesUid: string) => void;
}) {
  const { t } = useTranslation('viewer');
  return (
    <nav className="viewer-series" aria-label={t('series')}>
      {series.map((s) => (
        <Thumb
          key={s.seriesUid}
          root={root}
          studyUid={studyUid}
          series={s}
          active={s.seriesUid === activeSeriesUid}
          paused={paused}
          onSelect={onSelect}
        />
      ))}
    </nav>
  );
}
