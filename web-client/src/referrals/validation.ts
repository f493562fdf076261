// Field errors from our zod schemas (before sending) and from the API's `details` (after), in the
// UI language: the schemas' own messages are English and meant for developers.
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/** Field path ("diagnosis.code") → sentence to show next to that field. */
export type FieldErrors = Record<string, string>;

interface Issue {
  path: string;
  code?: string;
  message: string;
  minimum?: unknown;
  maximum?: unknown;
  input?: unknown;
}

/** Words for an issue; `formats` gives field-specific words for a malformed value. */
function issueText(t: TFunction, i: Issue, formats: Record<string, string>): string {
  switch (i.code) {
    case 'too_small':
      return Number(i.minimum ?? 1) <= 1
        ? t('referrals:validation.required')
        : t('referrals:validation.tooShort');
    case 'too_big':
      return i.maximum === undefined
        ? t('referrals:validation.tooLongPlain')
        : t('referrals:validation.tooLong', { max: i.maximum });
    case 'invalid_type':
      return i.input === undefined || i.input === null
        ? t('referrals:validation.required')
        : t('referrals:validation.format');
    case 'invalid_value':
    case 'invalid_union':
      return formats[i.path] ?? t('referrals:validation.choose');
    case 'custom':
      return /check digit/.test(i.message)
        ? t('referrals:validation.idCheck')
        : (formats[i.path] ?? t('referrals:validation.format'));
    case undefined:
    default:
      return formats[i.path] ?? t('referrals:validation.format');
  }
}

function collect(t: TFunction, issues: Issue[], formats: Record<string, string>): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) out[i.path] ??= issueText(t, i, formats);
  return out;
}

/** Errors from a failed `schema.safeParse`. */
export function zodErrors(
  t: TFunction,
  issues: readonly { path: readonly PropertyKey[]; code: string; message: string; input?: unknown }[],
  formats: Record<string, string> = {},
): FieldErrors {
  return collect(
    t,
    issues.map((i) => ({ ...i, path: i.path.map(String).join('.') })),
    formats,
  );
}

/** Errors from the API's `details: [{path, code, message}]`, or null when it sent none. */
export function apiFieldErrors(
  t: TFunction,
  err: unknown,
  formats: Record<string, string> = {},
): FieldErrors | null {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return null;
  const issues = (err.details as unknown[]).filter(
    (d): d is Issue =>
      typeof d === 'object' &&
      d !== null &&
      typeof (d as Issue).path === 'string' &&
      typeof (d as Issue).message === 'string',
  );
  return issues.length ? collect(t, issues, formats) : null;
}
