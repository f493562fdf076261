import type { Role } from '@tiered-care/common';

/** Who is asking, from the verified token, plus where from (for the audit trail). */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  consortiumId: string;
  institutionId: string | null;
  departmentId: string | null;
  roles: Role[];
  ip: string | null;
  userAgent: string | null;
  /** The sign-in session the token belongs to (absent only for internal actors: demo data, tests). */
  sessionId?: string;
  /** Signed in with a password an administrator reset: only choosing a new one is allowed. */
  mustChangePassword?: boolean;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}
