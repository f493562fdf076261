import type { Role } from '@tiered-care/common';

/** Where each role lands after signing in. */
export function homeFor(roles: readonly Role[]): string {
  if (roles.includes('regional_admin')) return '/dashboard';
  if (roles.includes('coordinator')) return '/worklist';
  if (roles.includes('specialist')) return '/consultations';
  if (roles.includes('institution_admin')) return '/dashboard';
  return '/referrals';
}
