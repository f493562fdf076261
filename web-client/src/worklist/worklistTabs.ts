// The coordinator's worklist tabs (转诊办): what each one asks the API for.
import type { ListQuery } from '../referrals/api';

export const TAB_NAMES = ['pending', 'info', 'to-schedule', 'scheduled', 'today', 'overdue', 'sent'] as const;
export type TabName = (typeof TAB_NAMES)[number];

export const isTabName = (s: string | null): s is TabName => TAB_NAMES.includes(s as TabName);

/** The list query of a tab; `today` is the Asia/Shanghai date for 今日报到. */
export function tabQuery(tab: TabName, today: string): ListQuery {
  switch (tab) {
    case 'pending':
      return { box: 'incoming', status: 'submitted' };
    case 'info':
      return { box: 'incoming', status: 'info_requested' };
    case 'to-schedule':
      return { box: 'incoming', status: 'accepted' };
    case 'scheduled':
      return { box: 'incoming', status: 'scheduled' };
    case 'today':
      return { box: 'incoming', status: 'scheduled', appointmentDate: today };
    case 'overdue':
      return { box: 'incoming', overdue: 'true' };
    case 'sent':
      return { box: 'outgoing', sort: 'newest' };
  }
}
