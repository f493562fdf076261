// The patient API calls: search, one patient, registering one. Used by the referral form and
// the consultation request alike.
import type { CreatePatientBody, Patient } from '@tiered-care/common';
import { api } from '../api/client';

export const searchPatients = (q: string, signal?: AbortSignal) => {
  // Without text no q is sent at all; the server decides what an open search lists.
  const params = new URLSearchParams(q ? { q, limit: '10' } : { limit: '10' });
  return api<Patient[]>('GET', `/api/patients?${params.toString()}`, { signal });
};

export const getPatient = (id: string) => api<Patient>('GET', `/api/patients/${encodeURIComponent(id)}`);

export const createPatient = (body: CreatePatientBody) => api<Patient>('POST', '/api/patients', { body });
