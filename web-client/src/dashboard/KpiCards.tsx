// The six headline figures of the period.
import { useTranslation } from 'react-i18next';
import { formatNumber, toHours, toPercent } from './format';
import type { Figures } from './types';
import './dashboard.css';

interface Card {
  key: string;
  label: string;
  value: string;
  hint?: string;
  tone?: 'up' | 'down' | 'alert';
}

export function KpiCards({ totals }: { totals: Figures }) {
  const { t, i18n } = useTranslation('dashboard');
  const num = (v: number) => formatNumber(v, i18n.language);
  const rate = toPercent(totals.acceptanceRate);
  const hours = toHours(totals.medianHoursToDecision);
  const cards: Card[] = [
    { key: 'total', label: t('kpi.total'), value: num(totals.total) },
    { key: 'up', label: t('kpi.up'), value: num(totals.up), tone: 'up' },
    { key: 'down', label: t('kpi.down'), value: num(totals.down), tone: 'down' },
    {
      key: 'acceptance-rate',
      label: t('kpi.acceptanceRate'),
      value: rate === null ? t('none') : t('unit.percent', { value: num(rate) }),
      hint: t('kpi.acceptanceHint'),
    },
    {
      key: 'median-hours',
      label: t('kpi.medianHours'),
      value: hours === null ? t('none') : t('unit.hours', { value: num(hours) }),
      hint: t('kpi.medianHint'),
    },
    {
      key: 'overdue',
      label: t('kpi.overdue'),
      value: num(totals.overdue),
      hint: t('kpi.overdueHint'),
      ...(totals.overdue > 0 ? { tone: 'alert' as const } : {}),
    },
  ];
  return (
    <div className="dash-kpis">
      {cards.map((c) => (
        <div
          key={c.key}
          className={`dash-kpi card${c.tone ? ` ${c.tone}` : ''}`}
          data-testid={`kpi-${c.key}`}
          title={c.hint}
        >
          <div className="dash-kpi-label">{c.label}</div>
          <div className="dash-kpi-value">{c.value}</div>
          {c.hint && <div className="dash-kpi-hint">{c.hint}</div>}
        </div>
      ))}
    </div>
  );
}
