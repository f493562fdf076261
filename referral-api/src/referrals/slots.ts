import type { ReferralType } from '@tiered-care/common';
import { Conflict, type Db } from '@tiered-care/platform';

export interface Booking {
  slotId: string;
  startsAt: Date;
  location: string;
}

/** Books one place in a reserved slot of the receiving department, or says why not. */
export async function bookSlot(
  db: Db,
  slotId: string,
  toInstitutionId: string,
  toDepartmentId: string | null,
  /** Only slots reserved for this type; null for any slot of the department. */
  type: ReferralType | null,
): Promise<Booking> {
  const { rows } = await db.query<{ starts_at: Date; location: string }>(
    'SELECT * FROM book_slot($1, $2, $3, $4)',
    [slotId, toInstitutionId, toDepartmentId, type],
  );
  const row = rows[0];
  if (!row) {
    throw Conflict(
      'slot_unavailable',
      'that slot is full, in the past, or not reserved for this department and referral type',
    );
  }
  return { slotId, startsAt: row.starts_at, location: row.location };
}

export async function releaseSlot(db: Db, slotId: string | null): Promise<void> {
  if (slotId) await db.query('SELECT release_slot($1)', [slotId]);
}
