import { ReferralStats, StatsQuery } from '@tiered-care/common';
import { inTx } from '@tiered-care/platform';
import { route } from '../http/apiRoute';
import { referralStats } from './referralStats';

export const statsRoutes = [
  route(
    'get',
    '/api/stats/referrals',
    { query: StatsQuery },
    (c) => inTx(c, (db) => referralStats(db, c.actor, c.query)),
    {
      summary:
        'Referral figures: up/down, per status, acceptance rate, median hours to decision, overdue; per month and institution',
      response: ReferralStats,
    },
  ),
];
