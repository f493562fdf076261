import { z } from 'zod';
import { CalendarDate } from './ids';
import { Gender } from './enums';

/** Resident identity number (GB 11643-1999): 17 digits and a check character. */
export const IdentityNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9]{17}[0-9X]$/, 'identity number must be 18 characters')
  .refine(isValidIdentityNumber, 'identity number check digit is wrong');

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function identityCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '';
}

export function isValidIdentityNumber(id: string): boolean {
  return /^[0-9]{17}[0-9X]$/.test(id) && identityCheckChar(id.slice(0, 17)) === id[17];
}

export const CreatePatientBody = z.strictObject({
  name: z.string().trim().min(1).max(64),
  gender: Gender,
  birthDate: CalendarDate,
  idNumber: IdentityNumber,
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/, 'not a phone number')
    .optional(),
  address: z.string().trim().max(200).optional(),
});
export type CreatePatientBody = z.infer<typeof CreatePatientBody>;

export const PatientQuery = z.strictObject({
  q: z.string().trim().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type PatientQuery = z.infer<typeof PatientQuery>;

/** A patient as the API shows one: the identity number only masked. */
export const Patient = z.object({
  id: z.uuid(),
  institutionId: z.string(),
  name: z.string(),
  gender: z.string(),
  birthDate: z.string(),
  idNumberMasked: z.string(),
  phone: z.string().nullable(),
});
export type Patient = z.output<typeof Patient>;
