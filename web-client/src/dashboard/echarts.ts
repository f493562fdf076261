// Lazy access to ECharts and the option type our charts are built from.
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type * as EchartsSetup from './echartsSetup';

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

type Setup = typeof EchartsSetup;
let loading: Promise<Setup> | null = null;

/** Loads ECharts on first use; a failed load (flaky clinic link) may be retried. */
export function loadEcharts(): Promise<Setup> {
  loading ??= import('./echartsSetup').catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}
