// The DICOM PatientID of a demo patient. A patient's PatientID in the PACS is their identity
// number as registered (studies/patientMatch.ts compares the two before a study is shared), so
// the demo images and the tests' generated files carry the demo patients' identity numbers.
import { identityCheckChar } from '@tiered-care/common';
import { DEMO_PATIENTS } from '@tiered-care/referral-api';

/** `C1/张桂兰` → her 18-character identity number. */
export function demoDicomPatientId(key: string): string {
  const found = DEMO_PATIENTS.find((p) => `${p.institution}/${p.name}` === key);
  if (!found) throw new Error(`no demo patient ${key}`);
  return found.id17 + identityCheckChar(found.id17);
}
