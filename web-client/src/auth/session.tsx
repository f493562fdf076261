// The signed-in session: token and user, kept in sessionStorage so a reload keeps you signed in
// but closing the browser signs you out (shared clinic PCs). The token is renewed before expiry.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, onSignedOut, setToken } from '../api/client';
import type { Me } from '@tiered-care/common';
import { KEY, load, type Stored } from './storedSession';

interface Session {
  user: Me | null;
  token: string | null;
  signIn: (username: string, password: string) => Promise<Me>;
  signOut: () => void;
  /** A new token for the same user (after a password change ended the old session). */
  renewed: (r: { token: string; expiresAt: string }) => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<Stored | null>(() => {
    const s = load();
    setToken(s?.token ?? null);
    return s;
  });

  const save = useCallback((s: Stored | null) => {
    setToken(s?.token ?? null);
    if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
    else sessionStorage.removeItem(KEY);
    setStored(s);
  }, []);

  // Signing out ends the session on the server too (best effort: the page forgets it anyway).
  const signOut = useCallback(() => {
    void api('POST', '/api/auth/logout').catch(() => undefined);
    save(null);
  }, [save]);
  // Told by the server that the session is over (401, or the socket's session:ended): forget it.
  const forget = useCallback(() => save(null), [save]);
  useEffect(() => onSignedOut(forget), [forget]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const r = await api<Stored>('POST', '/api/auth/login', { body: { username, password } });
      save(r);
      return r.user;
    },
    [save],
  );

  // Renew a few minutes before the token expires, while the page is open.
  useEffect(() => {
    if (!stored) return;
    const wait = Math.max(Date.parse(stored.expiresAt) - Date.now() - 5 * 60_000, 10_000);
    const timer = setTimeout(() => {
      api<{ token: string; expiresAt: string }>('POST', '/api/auth/refresh').then(
        (r) => save({ ...stored, ...r }),
        () => undefined,
      );
    }, wait);
    return () => clearTimeout(timer);
  }, [stored, save]);

  const renewed = useCallback(
    (r: { token: string; expiresAt: string }) => {
      // A new token comes after choosing one's own password: a reset one no longer holds.
      if (stored) save({ ...stored, ...r, user: { ...stored.user, mustChangePassword: false } });
    },
    [stored, save],
  );

  const value = useMemo<Session>(
    () => ({ user: stored?.user ?? null, token: stored?.token ?? null, signIn, signOut, renewed }),
    [stored, signIn, signOut, renewed],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
