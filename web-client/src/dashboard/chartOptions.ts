// ECharts options for the four dashboard charts, built from the API figures. Each returns null
// when the period has nothing to draw, so the chart shows "no data" instead of empty axes.
import type { TFunction } from 'i18next';
import type { ChartOption } from './echarts';
import { toHours, toPercent } from './format';
import type { InstitutionFigures, MonthFigures } from './types';

// Same hues as app/base.css (--brand, --ok, --warn, --danger) so charts match the cards.
const COLOR = { up: '#0b6e99', down: '#2f855a', rate: '#b7791f', hours: '#0b6e99', overdue: '#c0392b' };
const ROW_HEIGHT = 26;

type T = TFunction<'dashboard'>;

const axisGrid = { left: 8, right: 24, top: 36, bottom: 8, containLabel: true };
// One series: the figure caption already names it, so no legend and less top margin.
const singleGrid = { ...axisGrid, top: 16 };
/** Tooltip text for a value; ECharts marks a missing point with '-'. */
const dash = (v: unknown): string =>
  typeof v === 'number' || (typeof v === 'string' && v !== '-') ? String(v) : '—';

export function monthlyOption(months: readonly MonthFigures[], t: T): ChartOption | null {
  if (months.length === 0) return null;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: axisGrid,
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: (['up', 'down'] as const).map((d) => ({
      name: t(`kpi.${d}`),
      type: 'bar',
      stack: 'direction',
      data: months.map((m) => m[d]),
      itemStyle: { color: COLOR[d] },
      barMaxWidth: 40,
    })),
  };
}

export function acceptanceOption(months: readonly MonthFigures[], t: T): ChartOption | null {
  const rates = months.map((m) => toPercent(m.acceptanceRate));
  if (rates.every((r) => r === null)) return null;
  return {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (dash(v) === '—' ? '—' : t('unit.percent', { value: dash(v) })),
    },
    grid: singleGrid,
    xAxis: { type: 'category', data: months.map((m) => m.month), boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: t('chart.rate'),
        type: 'line',
        // A month without decisions has no rate; leave a gap rather than draw a fake 0%.
        data: rates.map((r) => r ?? '-'),
        connectNulls: false,
        symbolSize: 7,
        itemStyle: { color: COLOR.rate },
        lineStyle: { width: 2 },
      },
    ],
  };
}

interface InstitutionBars {
  option: ChartOption | null;
  /** Grows with the number of institutions so every name stays readable. */
  height: number;
}

function institutionBars(
  rows: readonly { name: string; value: number }[],
  series: string,
  color: string,
  format: (v: unknown) => string,
  integer: boolean,
): InstitutionBars {
  if (rows.length === 0) return { option: null, height: 200 };
  return {
    height: Math.max(200, rows.length * ROW_HEIGHT + 60),
    option: {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: format },
      grid: singleGrid,
      // Horizontal bars: Chinese institution names are long and read better on the y axis.
      xAxis: { type: 'value', minInterval: integer ? 1 : 0 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => r.name),
        axisLabel: { width: 180, overflow: 'truncate' },
      },
      series: [
        {
          name: series,
          type: 'bar',
          data: rows.map((r) => r.value),
          itemStyle: { color },
          barMaxWidth: 18,
          label: { show: true, position: 'right' },
        },
      ],
    },
  };
}

/** Median hours to decision of each receiving institution, slowest first. */
export function decisionHoursBars(institutions: readonly InstitutionFigures[], t: T): InstitutionBars {
  const rows = institutions
    .flatMap((i) => {
      const hours = toHours(i.medianHoursToDecision);
      return hours === null ? [] : [{ name: i.name, value: hours }];
    })
    .sort((a, b) => b.value - a.value);
  return institutionBars(
    rows,
    t('chart.hours'),
    COLOR.hours,
    (v) => t('unit.hours', { value: dash(v) }),
    false,
  );
}

/** Overdue referrals at every institution that receives referrals, most first (zeros shown). */
export function overdueBars(institutions: readonly InstitutionFigures[], t: T): InstitutionBars {
  const rows = institutions
    .filter((i) => i.received > 0)
    .map((i) => ({ name: i.name, value: i.overdue }))
    .sort((a, b) => b.value - a.value);
  return institutionBars(rows, t('chart.overdueSeries'), COLOR.overdue, dash, true);
}
