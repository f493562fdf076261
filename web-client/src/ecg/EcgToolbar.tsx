// The ECG viewer's controls: heart rate, waveform group, gain, speed, zoom and calipers.
import { useTranslation } from 'react-i18next';
import { PressedGroup } from '../ui/PressedGroup';
import { GAINS, SPEEDS, type CaliperKind, type EcgData, type EcgZoom, type Gain, type Speed } from './types';
import './ecg.css';

export type PointerMode = CaliperKind | 'none';

export interface EcgToolbarProps {
  data: EcgData;
  groupIndex: number;
  onGroup: (index: number) => void;
  zoom: EcgZoom;
  mode: PointerMode;
  onMode: (mode: PointerMode) => void;
  hasCalipers: boolean;
  onGain: (gain: Gain) => void;
  onSpeed: (speed: Speed) => void;
  /** Multiplies the free zoom. */
  onScale: (factor: number) => void;
  onFit: () => void;
  onClearCalipers: () => void;
}

const ZOOM_STEP = 1.25;

export function EcgToolbar(p: EcgToolbarProps) {
  const { t } = useTranslation('viewer');
  const { heartRate, rrIntervals } = p.data;
  const meanRr = rrIntervals.length
    ? Math.round(rrIntervals.reduce((a, b) => a + b, 0) / rrIntervals.length)
    : null;
  /** Gain or paper speed: one pressed button per value. */
  const scale = <T extends Gain | Speed>(
    name: 'gain' | 'speed',
    values: readonly T[],
    current: T,
    onSelect: (value: T) => void,
  ) => (
    <PressedGroup
      className="ecg-group"
      label={t(`ecg.${name}`)}
      values={values}
      current={current}
      onSelect={onSelect}
      testId={`ecg-${name}`}
    >
      {(v) => t(`ecg.${name}Value`, { value: v })}
    </PressedGroup>
  );

  return (
    <div className="ecg-toolbar" role="toolbar" aria-label={t('ecg.title')}>
      <strong className="ecg-hr" data-testid="ecg-heart-rate">
        {heartRate !== null && Number.isFinite(heartRate)
          ? t('ecg.heartRate', { rate: Math.round(heartRate) })
          : t('ecg.heartRateUnknown')}
      </strong>
      {meanRr !== null && <span className="muted">{t('ecg.rr', { ms: meanRr })}</span>}
      {p.data.groups.length > 1 && (
        <label className="ecg-inline">
          {t('ecg.group')}
          <select
            data-testid="ecg-group"
            value={p.groupIndex}
            onChange={(e) => p.onGroup(Number(e.target.value))}
          >
            {p.data.groups.map((g, i) => (
              <option key={`${g.label}-${i}`} value={i}>
                {g.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {scale('gain', GAINS, p.zoom.gain, p.onGain)}
      {scale('speed', SPEEDS, p.zoom.speed, p.onSpeed)}
      <span className="ecg-group">
        <button
          type="button"
          data-testid="ecg-zoom-out"
          aria-label={t('ecg.zoomOut')}
          onClick={() => p.onScale(1 / ZOOM_STEP)}
        >
          −
        </button>
        <span className="ecg-scale" data-testid="ecg-scale">
          {Math.round(p.zoom.scale * 100)}%
        </span>
        <button
          type="button"
          data-testid="ecg-zoom-in"
          aria-label={t('ecg.zoomIn')}
          onClick={() => p.onScale(ZOOM_STEP)}
        >
          +
        </button>
        <button type="button" data-testid="ecg-fit" onClick={p.onFit}>
          {t('ecg.fit')}
        </button>
      </span>
      <span className="ecg-group" role="group" aria-label={t('ecg.caliper.label')}>
        {(['none', 'time', 'amplitude'] as const).map((m) => (
          <button
            key={m}
            type="button"
            data-testid={`ecg-caliper-${m}`}
            aria-pressed={p.mode === m}
            onClick={() => p.onMode(m)}
          >
            {t(`ecg.caliper.${m}`)}
          </button>
        ))}
        <button
          type="button"
          data-testid="ecg-caliper-clear"
          disabled={!p.hasCalipers}
          onClick={p.onClearCalipers}
        >
          {t('ecg.caliper.clear')}
        </button>
      </span>
    </div>
  );
}
