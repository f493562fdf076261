// The synchronized viewer. One presenter (state.presenterUserId) drives; their viewer reports its
// state and we relay it (`viewer:state`, throttled to 50 ms, latest wins). Everyone else shows
// the presenter's view read-only, from `viewer:state` events and, for a late joiner, the
// snapshot's `view`. With nobody presenting, the first to open or move a study becomes the
// presenter (signaling's rule); anyone can take control at any time.
import type { SharedView } from '@tiered-care/common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EcgViewState } from '../ecg/types';
import { throttle } from '../viewer/throttle';
import type { ViewerState } from '../viewer/viewState';
import { isFailure, type RoomSend } from './roomSocket';
import { fromSharedView, sameDocument, toSharedView, type OpenView } from './sharedView';
import type { ReplyProblem } from './useConsultRoom';
import { useRoomEvent } from './useRoomEvent';

const SEND_INTERVAL_MS = 50;

interface Options {
  consultationId: string;
  selfUserId: string;
  presenterUserId: string | null;
  snapshotView: SharedView | null;
  send: RoomSend;
  onProblem: (problem: ReplyProblem) => void;
}

export function useSharedView(o: Options) {
  const { consultationId, selfUserId, presenterUserId, snapshotView, send } = o;
  const presenting = presenterUserId === selfUserId;
  const following = presenterUserId !== null && !presenting;
  const [local, setLocal] = useState<OpenView | null>(null);
  const [remote, setRemote] = useState<OpenView | null>(null);
  const [dismissed, setDismissed] = useState<OpenView | null>(null);

  const onProblem = useRef(o.onProblem);
  useEffect(() => {
    onProblem.current = o.onProblem;
  });

  // Snapshots repeat the view with every change in the room (a raised hand…); only a view that
  // differs from the previous snapshot's is news; otherwise a newer `viewer:state` would be undone.
  const snapshotKey = useRef<string | null>(null);
  useEffect(() => {
    const key = snapshotView ? JSON.stringify(snapshotView) : null;
    if (key === snapshotKey.current) return;
    snapshotKey.current = key;
    setRemote(snapshotView ? fromSharedView(snapshotView) : null);
  }, [snapshotView]);

  useRoomEvent('viewer:state', (e) => {
    if (e.consultationId !== consultationId || e.userId === selfUserId) return;
    setRemote(e.view ? fromSharedView(e.view) : null);
    // The presenter closed the viewer: it closes here too, whatever this screen had open.
    if (!e.view) setLocal(null);
  });

  // Someone else took control: what this screen opened before is theirs to show now, and must
  // not come back when nobody presents any more.
  useEffect(() => {
    if (following) setLocal(null);
  }, [following]);

  const sender = useMemo(
    () =>
      throttle((view: OpenView) => {
        void send('viewer:state', { view: toSharedView(view) }).then((r) => {
          // Losing the presenter's role in a race (not_presenter) is no error: the next snapshot
          // shows who has it.
          if (isFailure(r) && r.error.code === 'invalid_request') onProblem.current(r.error);
        });
      }, SEND_INTERVAL_MS),
    [send],
  );
  useEffect(() => () => sender.cancel(), [sender]);

  const shown = following ? remote : (local ?? remote);
  const visible = shown && !(dismissed && sameDocument(dismissed, shown)) ? shown : null;

  // Read by the callbacks below, which the viewer panels hold on to between renders.
  const current = useRef({ shown, presenting, following });
  useEffect(() => {
    current.current = { shown, presenting, following };
  });

  const update = useCallback(
    (next: OpenView) => {
      setLocal(next);
      if (!current.current.following) sender(next);
    },
    [sender],
  );

  const open = useCallback(
    (view: OpenView) => {
      if (current.current.following) return;
      setDismissed(null);
      update(view);
    },
    [update],
  );

  const onImageChange = useCallback(
    (viewer: ViewerState) => {
      const base = current.current.shown;
      if (current.current.following || base?.kind !== 'image' || base.studyUid !== viewer.studyUid) return;
      update({ ...base, seriesUid: viewer.seriesUid, viewer });
    },
    [update],
  );

  const onEcgChange = useCallback(
    (ecg: EcgViewState) => {
      const base = current.current.shown;
      if (current.current.following || base?.kind !== 'ecg') return;
      update({ ...base, ecg });
    },
    [update],
  );

  const takeControl = useCallback(async () => {
    const from = current.current.shown;
    const r = await send('viewer:take-control', {});
    if (isFailure(r)) {
      onProblem.current(r.error);
      return;
    }
    // Carry on from what everyone sees now, and make sure they all see the same.
    if (from) {
      setLocal(from);
      sender(from);
    }
  }, [send, sender]);

  // A follower hides the presenter's document until they open another; the presenter (or anyone,
  // with nobody presenting) closes the viewer for everyone and gives up the role.
  const close = useCallback(() => {
    if (current.current.following) {
      setDismissed(current.current.shown);
      return;
    }
    sender.cancel();
    setLocal(null);
    setRemote(null);
    void send('viewer:state', { view: null });
  }, [send, sender]);

  return { view: visible, presenting, following, open, onImageChange, onEcgChange, takeControl, close };
}
