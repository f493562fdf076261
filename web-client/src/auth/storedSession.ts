// The session as sessionStorage keeps it: read by the session provider and, before the first
// render, by the start-up requests (boot.ts), which must not wait for React.
import type { Me } from '@tiered-care/common';

export interface Stored {
  token: string;
  expiresAt: string;
  user: Me;
}

export const KEY = 'tiered-care.session';

/** The stored session while it is valid, else null. */
export function load(): Stored | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Stored | null;
    return s && Date.parse(s.expiresAt) > Date.now() ? s : null;
  } catch {
    return null;
  }
}
