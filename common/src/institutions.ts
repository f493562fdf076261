// The consortium's directory (GET /api/institutions) and the signed-in user (GET /api/me).
import { z } from 'zod';
import { Direction, Role } from './enums';

export const Institution = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  level: z.number().int(),
  departments: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
});
export type Institution = z.output<typeof Institution>;

/** The institutions with departments, and the routes the caller's institution may refer along. */
export const Directory = z.object({
  institutions: z.array(Institution),
  routes: z.array(z.object({ toInstitutionId: z.uuid(), direction: Direction })),
});
export type Directory = z.output<typeof Directory>;

export const Me = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  consortiumId: z.string(),
  institution: z.object({ id: z.uuid(), name: z.string(), level: z.number().int() }).nullable(),
  department: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** Signed in with a password an administrator reset: the password page comes first. */
  mustChangePassword: z.boolean().optional(),
});
export type Me = z.output<typeof Me>;
