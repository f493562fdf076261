// Typed domain errors. Domain code throws these; the one HTTP error handler maps each kind to a
// status and the one error shape. `code` is stable and machine-readable; `message` is for people.

export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_many'
  | 'unavailable'
  | 'upstream'
  | 'timeout';

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const Invalid = (code: string, message: string, details?: unknown) =>
  new AppError('invalid', code, message, details);
export const Unauthenticated = (message = 'sign in first') =>
  new AppError('unauthenticated', 'unauthenticated', message);
export const Forbidden = (code: string, message: string, details?: unknown) =>
  new AppError('forbidden', code, message, details);
/** Deliberately says nothing about whether the thing exists for somebody else. */
export const NotFound = (what: string) => new AppError('not_found', 'not_found', `${what} not found`);
/**
 * The care relationship that let the caller's institution see this patient has ended (migration
 * 015): documents that carry the patient are refused with this code; the workflow record stays.
 */
export const PatientAccessEnded = () =>
  Forbidden('patient_access_ended', 'access to this patient ended with the referral or consultation');
export const Conflict = (code: string, message: string, details?: unknown) =>
  new AppError('conflict', code, message, details);
export const TooMany = (message: string, retryAfterSeconds: number) =>
  new AppError('too_many', 'too_many_requests', message, { retryAfterSeconds });
