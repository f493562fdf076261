import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: the code is read off paper and typed by hand at a registration desk.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** The check-in code printed on the slip and carried by its QR code (about 40 bits). */
export function newCheckInCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET.charAt(randomInt(ALPHABET.length));
  return code;
}

/** Human-readable referral number: ZZ + date (Asia/Shanghai) + sequence. */
export function referralNumber(seq: number, at: Date): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at).replaceAll('-', '');
  return `ZZ${day}${String(seq % 1_000_000).padStart(6, '0')}`;
}
