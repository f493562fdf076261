import type { Role } from '@tiered-care/common';

export interface NavItem {
  page: string;
  path: string;
  label: string;
  roles: readonly Role[];
}

const item = (page: string, path: string, label: string, roles: readonly Role[]): NavItem => ({
  page,
  path,
  label,
  roles,
});
const CLINICAL: readonly Role[] = ['doctor', 'specialist', 'coordinator'];

/** Navigation by role; `page` names the data-testid `nav-<page>`. */
export const NAV: NavItem[] = [
  item('new-referral', '/referrals/new', 'nav.newReferral', CLINICAL),
  item('referrals', '/referrals', 'nav.myReferrals', CLINICAL),
  item('worklist', '/worklist', 'nav.worklist', ['coordinator', 'doctor', 'specialist']),
  item('check-in', '/check-in', 'nav.checkIn', ['coordinator', 'doctor']),
  item('consultations', '/consultations', 'nav.consultations', CLINICAL),
  item('request-diagnosis', '/diagnosis/new', 'nav.requestDiagnosis', ['doctor', 'specialist']),
  item('my-diagnoses', '/diagnosis/outgoing', 'nav.myDiagnoses', ['doctor', 'specialist']),
  item('reading', '/diagnosis/reading', 'nav.reading', ['specialist']),
  item('diagnosis-stats', '/diagnosis/stats', 'nav.diagnosisStats', ['regional_admin', 'institution_admin']),
  item('dashboard', '/dashboard', 'nav.dashboard', ['regional_admin', 'institution_admin', 'coordinator']),
  item('admin-users', '/admin/users', 'nav.adminUsers', ['institution_admin']),
];
