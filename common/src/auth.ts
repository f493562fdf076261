import { z } from 'zod';
import { Timestamp } from './ids';
import { Me } from './institutions';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

/** Changing one's own password: the current one proves it is the user, not a borrowed session. */
export const ChangePasswordBody = z
  .strictObject({
    currentPassword: z.string().min(1).max(256),
    newPassword: z.string().min(10, 'at least 10 characters').max(256),
  })
  .refine((b) => b.newPassword !== b.currentPassword, {
    message: 'the new password must differ from the current one',
    path: ['newPassword'],
  });
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

/** A bearer token and when it stops working (refresh, password change). */
export const IssuedToken = z.object({ token: z.string(), expiresAt: Timestamp });
export type IssuedToken = z.output<typeof IssuedToken>;

/** POST /api/auth/login: the token and who it belongs to. */
export const LoginResult = IssuedToken.extend({ user: Me });
export type LoginResult = z.output<typeof LoginResult>;
