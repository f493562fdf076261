// Evaluated first (main.tsx imports it before React, the schemas and the app): on a referral's
// page its data and chunk, and a linked study's first picture and first slice, are asked for
// while the rest of the main bundle is still being evaluated and rendered.
import { getEarly } from './api/early';
import { getToken, setToken } from './api/token';
import { load } from './auth/storedSession';
import { prefetchLinkedStudy } from './imaging/prefetchLinkedStudy';

setToken(load()?.token ?? null);
// Referral ids are UUIDs: the paths below are then exactly those referrals/api.ts,
// consultations/api.ts and ReferralStudies.tsx ask for.
const referral = /^\/referrals\/([0-9a-f-]{36})$/i.exec(location.pathname)?.[1];
if (referral && getToken()) {
  const base = `/api/referrals/${referral}`;
  for (const path of [base, `${base}/consultations`, `${base}/studies`]) getEarly(path);
  import('./referrals/ReferralDetailPage').catch(() => undefined);
}
prefetchLinkedStudy();
