// One socket.io connection per signed-in tab: live referral and consultation notifications.
// Pages subscribe to the events they care about; the layout counts unseen ones for the badge.
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ConsultationChanged, DiagnosisChanged, ReferralChanged } from '@tiered-care/common';
import { io, type Socket } from 'socket.io-client';
import { sessionEnded } from './client';

interface Live {
  socket: Socket | null;
  connected: boolean;
  unseen: number;
  markSeen: () => void;
}

const LiveContext = createContext<Live>({
  socket: null,
  connected: false,
  unseen: 0,
  markSeen: () => undefined,
});

export function LiveProvider({
  token,
  userId,
  children,
}: {
  token: string | null;
  userId: string | null;
  children: ReactNode;
}) {
  const [socket, setSocket] = useState<Socket | null>(null);
  const [connected, setConnected] = useState(false);
  const [unseen, setUnseen] = useState(0);

  useEffect(() => {
    if (!token) return;
    // Reconnects by itself after a network drop; the token travels in the handshake auth.
    const s = io({ auth: { token }, transports: ['websocket', 'polling'] });
    s.on('connect', () => setConnected(true));
    s.on('disconnect', () => setConnected(false));
    // An event heard again (the server re-read its outbox) is counted once.
    const counted = new Set<number>();
    const count = (e: ReferralChanged | ConsultationChanged | DiagnosisChanged) => {
      if (e.actorUserId === userId || counted.has(e.eventId)) return;
      counted.add(e.eventId);
      setUnseen((n) => n + 1);
    };
    s.on('referral:changed', count);
    s.on('consultation:changed', count);
    s.on('diagnosis:changed', count);
    // Logged out elsewhere, deactivated, or a role removed: back to the sign-in page.
    s.on('session:ended', () => sessionEnded());
    setSocket(s);
    return () => {
      s.disconnect();
      setSocket(null);
      setConnected(false);
    };
  }, [token, userId]);

  const value = useMemo(
    () => ({ socket, connected, unseen, markSeen: () => setUnseen(0) }),
    [socket, connected, unseen],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export const useLive = () => useContext(LiveContext);

/** The events the server sends, by name. */
export interface LiveEvents {
  'referral:changed': ReferralChanged;
  'consultation:changed': ConsultationChanged;
  'diagnosis:changed': DiagnosisChanged;
}

/** Calls `handler` for every event of this name while the component is mounted. */
export function useLiveEvent<K extends keyof LiveEvents>(
  event: K,
  handler: (payload: LiveEvents[K]) => void,
): void {
  const { socket } = useLive();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!socket) return;
    // socket.io's listener types are keyed by its reserved events; ours are plain names.
    const name: string = event;
    const fn = (p: LiveEvents[K]) => ref.current(p);
    socket.on(name, fn);
    return () => {
      socket.off(name, fn);
    };
  }, [socket, event]);
}
