// /diagnosis/stats — 远程诊断统计: per reading centre, month, kind and priority, the requests, the
// turnaround median and 90th percentile, the overdue share and critical findings. No patient data:
// the regional administrator watches the centres' turnaround here.
import type { DiagnosisStats } from '@tiered-care/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { InputField } from '../ui/fields';
import { Empty, ErrorState, Loading } from '../ui/states';
import { Table } from '../ui/Table';
import { useAsync } from '../ui/useAsync';
import './diagnosis.css';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const loadStats = (from: string, to: string, signal: AbortSignal) => {
  const q = new URLSearchParams();
  if (MONTH.test(from)) q.set('from', from);
  if (MONTH.test(to)) q.set('to', to);
  return api<DiagnosisStats>('GET', `/api/diagnosis-stats?${q}`, { signal });
};

const minutes = (m: number | null) => (m === null ? '—' : String(Math.round(m)));

export default function DiagnosisStatsPage() {
  const { t } = useTranslation('diagnosis');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const stats = useAsync((signal) => loadStats(from, to, signal), [from, to]);
  const rows = stats.data?.rows ?? [];
  return (
    <section className="stack diagnosis-stats">
      <h1>{t('stats.title')}</h1>
      <div className="row filters">
        <InputField
          label={t('stats.from')}
          testId="diagnosis-stats-from"
          type="month"
          value={from}
          onChange={setFrom}
        />
        <InputField
          label={t('stats.to')}
          testId="diagnosis-stats-to"
          type="month"
          value={to}
          onChange={setTo}
        />
        {stats.data && <span className="muted">{`${stats.data.from} – ${stats.data.to}`}</span>}
      </div>
      {stats.error !== null ? (
        <ErrorState error={stats.error} onRetry={stats.reload} />
      ) : !stats.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Empty text={t('stats.none')} />
      ) : (
        <div className="table-scroll">
          <Table
            className="diagnosis-stats-table"
            headings={[
              t('stats.month'),
              t('page.centre'),
              t('form.kind'),
              t('form.priority'),
              t('stats.requests'),
              t('stats.signed'),
              t('stats.median'),
              t('stats.p90'),
              t('stats.overdue'),
              t('critical'),
            ]}
          >
            {rows.map((r) => (
              <tr
                key={`${r.month}/${r.department.id}/${r.kind}/${r.priority}`}
                data-testid="diagnosis-stats-row"
              >
                <td>{r.month}</td>
                <td>
                  {r.institution.name} {r.department.name}
                </td>
                <td>{t(`kindShort.${r.kind}`)}</td>
                <td>{t(`priority.${r.priority}`)}</td>
                <td>{r.requests}</td>
                <td>{r.signed}</td>
                <td>{minutes(r.turnaroundMedianMinutes)}</td>
                <td>{minutes(r.turnaroundP90Minutes)}</td>
                <td>{`${Math.round(r.overdueShare * 100)}%`}</td>
                <td>{r.critical}</td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </section>
  );
}
