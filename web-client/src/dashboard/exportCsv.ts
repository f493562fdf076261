// The two CSV downloads: per institution and per month, named after the period.
import type { TFunction } from 'i18next';
import { institutionColumns, monthColumns, type Column } from './columns';
import { downloadCsv, toCsv } from './csv';
import type { ReferralStats } from './types';

type T = TFunction<'dashboard'>;

function save<Row>(
  fileStem: string,
  stats: ReferralStats,
  columns: Column<Row>[],
  rows: readonly Row[],
): void {
  const csv = toCsv(
    // Percent as a plain number with the unit in the header, so spreadsheets can compute with it.
    columns.map((c) => (c.kind === 'percent' ? `${c.header} (%)` : c.header)),
    rows.map((r) => columns.map((c) => c.value(r))),
  );
  downloadCsv(`${fileStem}_${stats.range.from}_${stats.range.to}.csv`, csv);
}

export const exportInstitutions = (stats: ReferralStats, t: T): void =>
  save(t('export.fileInstitutions'), stats, institutionColumns(t), stats.byInstitution);

export const exportMonths = (stats: ReferralStats, t: T): void =>
  save(t('export.fileMonths'), stats, monthColumns(t), stats.byMonth);
