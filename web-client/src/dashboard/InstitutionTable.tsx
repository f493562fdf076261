// Per-institution figures: what each institution sent, and the decisions on what it received.
import { useTranslation } from 'react-i18next';
import { institutionColumns } from './columns';
import { formatNumber } from './format';
import type { InstitutionFigures } from './types';
import './dashboard.css';

export function InstitutionTable({ rows }: { rows: readonly InstitutionFigures[] }) {
  const { t, i18n } = useTranslation('dashboard');
  const columns = institutionColumns(t).filter((c) => c.key !== 'code');
  return (
    <div className="dash-table-wrap">
      <table className="dash-table" data-testid="stats-institution-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} className={c.kind === 'text' ? undefined : 'num'} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.institutionId}
              data-testid="stats-institution-row"
              data-institution-id={r.institutionId}
            >
              {columns.map((c) => {
                const v = c.value(r);
                const text =
                  v === null
                    ? t('none')
                    : typeof v === 'string'
                      ? v
                      : c.kind === 'percent'
                        ? t('unit.percent', { value: formatNumber(v, i18n.language) })
                        : formatNumber(v, i18n.language);
                return c.key === 'name' ? (
                  <th key={c.key} scope="row">
                    {text}
                  </th>
                ) : (
                  <td key={c.key} className={c.kind === 'text' ? undefined : 'num'}>
                    {text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
