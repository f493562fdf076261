// The referral API calls the referral and coordinator pages make, typed once here. Patients are
// in patients/api.ts, the consortium directory in directory/.
import type { ActionBodies, Referral, ReferralAction, ReferralListPage, Slot } from '@tiered-care/common';
import { api } from '../api/client';

export type ListQuery = {
  box: 'incoming' | 'outgoing';
  status?: string;
  priority?: string;
  overdue?: 'true';
  appointmentDate?: string;
  q?: string;
  sort?: 'urgency' | 'newest';
  limit?: number;
  cursor?: string;
};

function query(params: Record<string, string | number | undefined | null>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  }
  return s.toString();
}

export const listReferrals = (q: ListQuery, signal?: AbortSignal) =>
  api<ReferralListPage>('GET', `/api/referrals?${query(q)}`, { signal });

export const getReferral = (id: string, signal?: AbortSignal) =>
  api<Referral>('GET', `/api/referrals/${encodeURIComponent(id)}`, { signal });

export const createReferral = (body: unknown, idempotencyKey: string) =>
  api<Referral>('POST', '/api/referrals', { body, headers: { 'Idempotency-Key': idempotencyKey } });

export const performAction = (id: string, action: ReferralAction, body: ActionBodies[ReferralAction]) =>
  api<Referral>('POST', `/api/referrals/${encodeURIComponent(id)}/actions/${action}`, { body });

export const checkInByCode = (code: string) => api<Referral>('POST', '/api/check-in', { body: { code } });

export const listSlots = (
  p: { institutionId: string; departmentId?: string | null; from: string; to: string },
  signal?: AbortSignal,
) => api<Slot[]>('GET', `/api/slots?${query(p)}`, { signal });
