// The consultation workflow's calls. Bodies are checked with the API's own schemas before
// they are sent, so a form shows the same rule the server would apply.
import type {
  Consultation,
  ConsultationAction,
  ConsultationActionBodies,
  ConsultationPage,
  ConsultationRecord,
  ReferralConsultation,
  RequestConsultationBody,
  ScheduleItem,
  StaffMember,
} from '@tiered-care/common';
import { api } from '../api/client';

export type Box = 'incoming' | 'outgoing' | 'mine';

export const listBox = (
  box: Box,
  opts: { status?: string; overdue?: boolean; cursor?: string },
  signal?: AbortSignal,
) => {
  const q = new URLSearchParams({ box });
  if (opts.status) q.set('status', opts.status);
  if (opts.overdue) q.set('overdue', 'true');
  if (opts.cursor) q.set('cursor', opts.cursor);
  return api<ConsultationPage>('GET', `/api/consultations?${q}`, { signal });
};

export const listSchedule = (from: string, to: string, signal?: AbortSignal) =>
  api<ScheduleItem[]>('GET', `/api/consultations?from=${from}&to=${to}`, { signal });

export const getConsultation = (id: string, signal?: AbortSignal) =>
  api<Consultation>('GET', `/api/consultations/${encodeURIComponent(id)}`, { signal });

export const getRecord = (id: string, signal?: AbortSignal) =>
  api<ConsultationRecord>('GET', `/api/consultations/${encodeURIComponent(id)}/record`, { signal });

export const requestConsultation = (body: RequestConsultationBody) =>
  api<Consultation>('POST', '/api/consultations', { body });

export const act = <A extends ConsultationAction>(id: string, action: A, body: ConsultationActionBodies[A]) =>
  api<Consultation>('POST', `/api/consultations/${encodeURIComponent(id)}/actions/${action}`, { body });

export const endConsultation = (id: string) =>
  api('POST', `/api/consultations/${encodeURIComponent(id)}/end`);

export const searchStaff = (
  q: { q?: string; institutionId?: string; departmentId?: string; role?: string },
  signal?: AbortSignal,
) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) params.set(k, v);
  return api<StaffMember[]>('GET', `/api/users?${params}`, { signal });
};

export const referralConsultations = (referralId: string, signal?: AbortSignal) =>
  api<ReferralConsultation[]>('GET', `/api/referrals/${encodeURIComponent(referralId)}/consultations`, {
    signal,
  });

export const recordingFiles = (id: string, recordingId: string) =>
  api<{ name: string; size: number; contentType: string }[]>(
    'GET',
    `/api/consultations/${encodeURIComponent(id)}/recordings/${encodeURIComponent(recordingId)}/files`,
  );
