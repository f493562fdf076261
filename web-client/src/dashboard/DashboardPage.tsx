// 区域统计: referral figures for regional administrators (whole region), institution admins and
// coordinators (their institution). Figures only: the statistics API returns no patient data.
// The period lives in the URL (?from=&to=) so a reload or a shared link shows the same figures.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Role } from '@tiered-care/common';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import { DashboardCharts } from './DashboardCharts';
import { exportInstitutions, exportMonths } from './exportCsv';
import { InstitutionTable } from './InstitutionTable';
import { KpiCards } from './KpiCards';
import { isValidRange, quickRange } from './range';
import { RangePicker } from './RangePicker';
import type { DateRange, ReferralStats } from './types';
import './dashboard.css';

const ALLOWED: readonly Role[] = ['regional_admin', 'institution_admin', 'coordinator'];
// The table's two CSV downloads: per institution and per month.
const EXPORTS = [
  ['institutions', exportInstitutions],
  ['months', exportMonths],
] as const;

function useRange(): [DateRange, (r: DateRange) => void] {
  const [params, setParams] = useSearchParams();
  const from = params.get('from');
  const to = params.get('to');
  const range = useMemo(() => {
    const r = { from: from ?? '', to: to ?? '' };
    return isValidRange(r) ? r : quickRange('last12Months');
  }, [from, to]);
  const setRange = useCallback(
    (r: DateRange) => setParams({ from: r.from, to: r.to }, { replace: true }),
    [setParams],
  );
  return [range, setRange];
}

export default function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const { user } = useSession();
  const [range, setRange] = useRange();
  const allowed = user?.roles.some((r) => ALLOWED.includes(r)) ?? false;
  const stats = useAsync(
    (signal) =>
      allowed
        ? api<ReferralStats>('GET', `/api/stats/referrals?${new URLSearchParams({ ...range }).toString()}`, {
            signal,
          })
        : Promise.resolve(undefined),
    [range.from, range.to, allowed],
  );

  if (!allowed) return <Empty text={t('forbidden')} />;
  const data = stats.data;
  const scope = data?.scope ?? (user?.roles.includes('regional_admin') ? 'region' : 'institution');

  return (
    <section className="dash stack" data-testid="dashboard">
      <header className="dash-head">
        <h1>{t(`title.${scope}`)}</h1>
        <RangePicker range={range} onChange={setRange} />
      </header>
      <p className="muted dash-note">{t(`scopeNote.${scope}`)}</p>
      {stats.error ? (
        <ErrorState error={stats.error} onRetry={stats.reload} />
      ) : !data ? (
        <Loading />
      ) : (
        // Keeps the previous figures visible (dimmed) while a new period loads.
        <div className={`stack${stats.loading ? ' dash-stale' : ''}`} aria-busy={stats.loading}>
          <KpiCards totals={data.totals} />
          {data.totals.total === 0 ? (
            <Empty text={t('empty')} />
          ) : (
            <>
              <DashboardCharts stats={data} />
              <div className="card stack">
                <div className="row">
                  <h2>{t('table.title')}</h2>
                  <span className="spacer" />
                  {EXPORTS.map(([name, exportCsv]) => (
                    <button
                      key={name}
                      type="button"
                      data-testid={`stats-export-${name}`}
                      onClick={() => exportCsv(data, t)}
                    >
                      {t(`export.${name}`)}
                    </button>
                  ))}
                </div>
                <InstitutionTable rows={data.byInstitution} />
              </div>
            </>
          )}
        </div>
      )}
    </section>
  );
}
