// Column definitions shared by the on-screen table and the CSV files, so an export always has
// the same columns and figures as what the user sees.
import type { TFunction } from 'i18next';
import type { Cell } from './csv';
import { toHours, toPercent } from './format';
import type { Figures, InstitutionFigures, MonthFigures } from './types';

type T = TFunction<'dashboard'>;

export interface Column<Row> {
  key: string;
  header: string;
  value: (row: Row) => Cell;
  kind: 'text' | 'number' | 'percent';
}

function decisionColumns<Row extends Figures>(t: T): Column<Row>[] {
  return [
    { key: 'accepted', header: t('table.accepted'), value: (r) => r.accepted, kind: 'number' },
    { key: 'rejected', header: t('table.rejected'), value: (r) => r.rejected, kind: 'number' },
    { key: 'redirected', header: t('table.redirected'), value: (r) => r.redirected, kind: 'number' },
    {
      key: 'acceptanceRate',
      header: t('table.acceptanceRate'),
      value: (r) => toPercent(r.acceptanceRate),
      kind: 'percent',
    },
    {
      key: 'medianHours',
      header: t('table.medianHours'),
      value: (r) => toHours(r.medianHoursToDecision),
      kind: 'number',
    },
    { key: 'overdue', header: t('table.overdue'), value: (r) => r.overdue, kind: 'number' },
  ];
}

export function institutionColumns(t: T): Column<InstitutionFigures>[] {
  return [
    { key: 'name', header: t('table.institution'), value: (r) => r.name, kind: 'text' },
    { key: 'code', header: t('table.code'), value: (r) => r.code, kind: 'text' },
    {
      key: 'level',
      header: t('table.level'),
      value: (r) => t(`level.${r.level}`, { defaultValue: String(r.level) }),
      kind: 'text',
    },
    { key: 'sentUp', header: t('table.sentUp'), value: (r) => r.sentUp, kind: 'number' },
    { key: 'sentDown', header: t('table.sentDown'), value: (r) => r.sentDown, kind: 'number' },
    { key: 'received', header: t('table.received'), value: (r) => r.received, kind: 'number' },
    ...decisionColumns<InstitutionFigures>(t),
  ];
}

export function monthColumns(t: T): Column<MonthFigures>[] {
  return [
    { key: 'month', header: t('table.month'), value: (r) => r.month, kind: 'text' },
    { key: 'total', header: t('table.total'), value: (r) => r.total, kind: 'number' },
    { key: 'up', header: t('table.up'), value: (r) => r.up, kind: 'number' },
    { key: 'down', header: t('table.down'), value: (r) => r.down, kind: 'number' },
    ...decisionColumns<MonthFigures>(t),
  ];
}
