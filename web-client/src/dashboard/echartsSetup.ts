// The part of ECharts the dashboard uses, registered once. Only DashboardCharts loads this
// module, through a dynamic import, so ECharts never enters the referral pages' bundle.
// Static named imports here (rather than `await import('echarts/charts')` in the page) let the
// bundler drop the charts and components we don't use: ~180 kB gzip instead of ~370 kB.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
// `use` renamed: it is ECharts' registry, not React's use() hook.
import { init, use as register } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

register([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { init };
