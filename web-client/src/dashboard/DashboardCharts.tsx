// The four charts. Options are rebuilt only when the figures or the language change, so a
// window resize redraws the existing chart instead of rebuilding it.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { acceptanceOption, decisionHoursBars, monthlyOption, overdueBars } from './chartOptions';
import { Chart } from './Chart';
import type { ReferralStats } from './types';
import './dashboard.css';

export function DashboardCharts({ stats }: { stats: ReferralStats }) {
  const { t } = useTranslation('dashboard');
  const charts = useMemo(
    () => ({
      monthly: monthlyOption(stats.byMonth, t),
      acceptance: acceptanceOption(stats.byMonth, t),
      hours: decisionHoursBars(stats.byInstitution, t),
      overdue: overdueBars(stats.byInstitution, t),
    }),
    // t is stable until the language changes, which must relabel the series.
    [stats, t],
  );
  // Institution charts side by side get the same height so the grid rows line up.
  const institutionHeight = Math.max(charts.hours.height, charts.overdue.height);
  return (
    <div className="dash-charts">
      <Chart name="monthly-referrals" title={t('chart.monthly')} option={charts.monthly} />
      <Chart name="acceptance-rate" title={t('chart.acceptance')} option={charts.acceptance} />
      <Chart
        name="decision-hours"
        title={t('chart.decisionHours')}
        option={charts.hours.option}
        height={institutionHeight}
      />
      <Chart
        name="overdue-by-institution"
        title={t('chart.overdue')}
        option={charts.overdue.option}
        height={institutionHeight}
      />
    </div>
  );
}
