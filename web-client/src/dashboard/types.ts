// The statistics response types live in common (shared with the API); the dashboard adds its range.
export type { Figures, InstitutionFigures, MonthFigures, ReferralStats } from '@tiered-care/common';

export interface DateRange {
  from: string;
  to: string;
}
