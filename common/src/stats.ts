// Response of GET /api/stats/referrals, shared by the API and the dashboard. Figures only: the
// statistics source has no patient column, and nothing here may ever add one.
import { z } from 'zod';

const Count = z.number().int();

export const Figures = z.object({
  total: Count,
  up: Count,
  down: Count,
  accepted: Count,
  rejected: Count,
  redirected: Count,
  /** 0..1, accepted among decided; null before any decision. */
  acceptanceRate: z.number().nullable(),
  medianHoursToDecision: z.number().nullable(),
  overdue: Count,
});
export type Figures = z.output<typeof Figures>;

export const MonthFigures = Figures.extend({
  /** YYYY-MM in China Standard Time. */
  month: z.string(),
});
export type MonthFigures = z.output<typeof MonthFigures>;

/** Figures of one institution as the receiver, plus what it sent. */
export const InstitutionFigures = Figures.extend({
  institutionId: z.string(),
  code: z.string(),
  name: z.string(),
  level: z.number().int(),
  sentUp: Count,
  sentDown: Count,
  received: Count,
});
export type InstitutionFigures = z.output<typeof InstitutionFigures>;

export const ReferralStats = z.object({
  range: z.object({ from: z.string(), to: z.string() }),
  scope: z.enum(['region', 'institution']),
  totals: Figures.extend({ byStatus: z.record(z.string(), Count) }),
  byMonth: z.array(MonthFigures),
  byInstitution: z.array(InstitutionFigures),
});
export type ReferralStats = z.output<typeof ReferralStats>;
