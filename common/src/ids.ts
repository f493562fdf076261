import { z } from 'zod';

export const Uuid = z.uuid();

/** DICOM UIDs: dot-separated digits, at most 64 characters (PS3.5 §9.1). */
export const DicomUid = z
  .string()
  .max(64)
  .regex(/^[0-9]+(\.[0-9]+)*$/, 'not a DICOM UID');

/** ICD-10 codes as used in China (GB/T 14396): letter, two digits, optional dotted extension. */
export const Icd10Code = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$/, 'not an ICD-10 code');

/**
 * A calendar day (YYYY-MM-DD) in years a clinic could mean. The ISO format alone lets through
 * 0000-01-01, which the database then refuses; this refuses it at the edge, as a 400.
 */
export const CalendarDate = z.iso.date().refine((s) => {
  const year = Number(s.slice(0, 4));
  return year >= 1900 && year <= 2100;
}, 'a date between the years 1900 and 2100');

/** An instant with its offset, in the same years (a year 0000 passes the ISO format alone). */
export const Instant = z.iso.datetime({ offset: true }).refine((s) => {
  const year = new Date(s).getUTCFullYear();
  return year >= 1900 && year <= 2100;
}, 'a time between the years 1900 and 2100');

/**
 * A point in time in a response: the server may hold a Date or an ISO string; the client always
 * receives the ISO string (JSON turns a Date into one).
 */
export const Timestamp = z
  .union([z.date(), z.iso.datetime({ offset: true })])
  .transform((t) => (typeof t === 'string' ? t : t.toISOString()))
  .pipe(z.iso.datetime({ offset: true }));

/** A calendar day in a response (YYYY-MM-DD). */
export const Day = z.iso.date();
