// The studies a request may send: the referral's shared studies, or the picked patient's studies
// in the institution's own PACS (found by name; a clinic without a PACS gets none).
import type { Patient } from '@tiered-care/common';
import { ApiError } from '../api/client';
import { listStudies, searchOwnPacs } from '../imaging/api';
import { useAsync } from '../ui/useAsync';
import type { StudyOption } from './StudyOptions';

async function ownPacsStudies(patient: Patient, signal: AbortSignal): Promise<StudyOption[]> {
  try {
    const found = await searchOwnPacs('PatientName', patient.name, signal);
    return found.map((m) => ({ ...m, description: m.description || null }));
  } catch (err) {
    // 404: the institution has no PACS of its own.
    if (err instanceof ApiError && err.status === 404) return [];
    throw err;
  }
}

export function usePatientStudies(referralId: string | null, patient: Patient | null) {
  return useAsync(
    async (signal): Promise<StudyOption[]> => {
      if (referralId) {
        const list = await listStudies(`/api/referrals/${encodeURIComponent(referralId)}/studies`, signal);
        return list.studies.filter((s) => s.available);
      }
      return patient ? ownPacsStudies(patient, signal) : [];
    },
    [referralId, patient?.id],
  );
}
