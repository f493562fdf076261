// Minimum necessary (migration 009): only an institution holding the patient's record passes
// the patient on, by a referral or a consultation; seeing a patient through someone else's
// consultation or referral is not enough.
import { Forbidden, type Db } from '@tiered-care/platform';

export async function assertHoldsPatient(db: Db, patientId: string): Promise<void> {
  const { rows } = await db.query<{ holds: boolean }>('SELECT institution_holds_patient($1) AS holds', [
    patientId,
  ]);
  if (!rows[0]?.holds) throw PatientNotHeld();
}

export const PatientNotHeld = () =>
  Forbidden(
    'patient_not_held',
    'your institution holds no record of this patient: register them, or receive them by referral, first',
  );
