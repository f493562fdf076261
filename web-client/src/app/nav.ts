import type { Role } from '@tiered-care/common';

export interface NavItem {
  page: string;
  path: string;
  label: string;
  roles: readonly Role[];
}

/** Navigation by role; `page` names the data-testid `nav-<page>`. */
export const NAV: NavItem[] = [
  {
    page: 'new-referral',
    path: '/referrals/new',
    label: 'nav.newReferral',
    roles: ['doctor', 'specialist', 'coordinator'],
  },
  {
    page: 'referrals',
    path: '/referrals',
    label: 'nav.myReferrals',
    roles: ['doctor', 'specialist', 'coordinator'],
  },
  {
    page: 'worklist',
    path: '/worklist',
    label: 'nav.worklist',
    roles: ['coordinator', 'doctor', 'specialist'],
  },
  { page: 'check-in', path: '/check-in', label: 'nav.checkIn', roles: ['coordinator', 'doctor'] },
  {
    page: 'consultations',
    path: '/consultations',
    label: 'nav.consultations',
    roles: ['doctor', 'specialist', 'coordinator'],
  },
  {
    page: 'dashboard',
    path: '/dashboard',
    label: 'nav.dashboard',
    roles: ['regional_admin', 'institution_admin', 'coordinator'],
  },
  { page: 'admin-users', path: '/admin/users', label: 'nav.adminUsers', roles: ['institution_admin'] },
];
