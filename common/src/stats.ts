// Response of GET /api/stats/referrals, shared by the API and the dashboard. Figures only: the
// statistics source has no patient column, and nothing here may ever add one.

export interface Figures {
  total: number;
  up: number;
  down: number;
  accepted: number;
  rejected: number;
  redirected: number;
  /** 0..1, accepted among decided; null before any decision. */
  acceptanceRate: number | null;
  medianHoursToDecision: number | null;
  overdue: number;
}

export interface MonthFigures extends Figures {
  /** YYYY-MM in China Standard Time. */
  month: string;
}

/** Figures of one institution as the receiver, plus what it sent. */
export interface InstitutionFigures extends Figures {
  institutionId: string;
  code: string;
  name: string;
  level: number;
  sentUp: number;
  sentDown: number;
  received: number;
}

export interface ReferralStats {
  range: { from: string; to: string };
  scope: 'region' | 'institution';
  totals: Figures & { byStatus: Record<string, number> };
  byMonth: MonthFigures[];
  byInstitution: InstitutionFigures[];
}
