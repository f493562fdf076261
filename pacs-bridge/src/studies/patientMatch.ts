// A study is shared about a patient only when it is that patient's: its DICOM PatientID must be
// the identity number the system registered for them (trimmed, case-insensitive: the check
// character may be a lower-case x). Compared by the keyed lookup hash the patients table keeps,
// so the identity number is never decrypted for this.
import { Conflict, PatientAccessEnded, type DataCrypto, type Db } from '@tiered-care/platform';

export async function assertStudyIsPatients(
  db: Db,
  crypto: DataCrypto,
  patientId: string,
  dicomPatientId: string | null,
): Promise<void> {
  const { rows } = await db.query<{ id_number_hash: Buffer }>(
    'SELECT id_number_hash FROM patients WHERE id = $1',
    [patientId],
  );
  const patient = rows[0];
  if (!patient) throw PatientAccessEnded();
  const given = dicomPatientId?.trim().toUpperCase() ?? '';
  if (!given || !crypto.lookupHash(given).equals(patient.id_number_hash)) {
    throw Conflict(
      'patient_mismatch',
      "the study's PatientID is not this patient's identity number: it is another person's study",
    );
  }
}
