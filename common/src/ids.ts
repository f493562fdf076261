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
