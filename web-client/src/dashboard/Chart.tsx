// One ECharts chart in a card. The chart container carries data-testid="stats-chart" and
// data-chart=<name>; data-state tells tests (and screen readers via the caption) when it drew.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EChartsType } from 'echarts/core';
import { loadEcharts, type ChartOption } from './echarts';
import './dashboard.css';

type State = 'loading' | 'ready' | 'failed';

interface Props {
  name: string;
  title: string;
  /** null when the period has nothing to draw for this chart. */
  option: ChartOption | null;
  height?: number;
}

export function Chart({ name, title, option, height = 240 }: Props) {
  const { t } = useTranslation('dashboard');
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const [state, setState] = useState<State>('loading');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    setState('loading');
    loadEcharts().then(
      ({ init }) => {
        const el = box.current;
        if (disposed || !el) return;
        const instance = init(el, undefined, { renderer: 'canvas' });
        chart.current = instance;
        // Observing the box (not only window resize) also catches the grid reflowing.
        observer = new ResizeObserver(() => instance.resize());
        observer.observe(el);
        setState('ready');
      },
      () => {
        if (!disposed) setState('failed');
      },
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, [attempt]);

  useEffect(() => {
    if (state !== 'ready' || !chart.current) return;
    // notMerge: a shorter period must not leave the previous period's bars behind.
    if (option) chart.current.setOption(option, { notMerge: true });
    else chart.current.clear();
  }, [state, option]);

  return (
    <figure className="dash-chart card">
      <figcaption>{title}</figcaption>
      <div className="dash-chart-area" style={{ height }}>
        <div
          ref={box}
          className="dash-chart-canvas"
          data-testid="stats-chart"
          data-chart={name}
          data-state={state}
          role="img"
          aria-label={title}
        />
        {state === 'loading' && <p className="dash-chart-note">{t('chart.loading')}</p>}
        {state === 'ready' && !option && <p className="dash-chart-note">{t('chart.noData')}</p>}
        {state === 'failed' && (
          <p className="dash-chart-note error" role="alert">
            {t('chart.failed')}{' '}
            <button type="button" onClick={() => setAttempt((n) => n + 1)}>
              {t('chart.retry')}
            </button>
          </p>
        )}
      </div>
    </figure>
  );
}
