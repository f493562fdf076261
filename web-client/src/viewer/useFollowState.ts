// What the viewport shows: the shared state when there is one (not our own report echoed back by
// the parent); else, once per viewport, the first series.
import { useEffect, useRef, type RefObject } from 'react';
import type { SeriesSummary } from './imageIds';
import type { StackController } from './stackController';
import type { StateReporter } from './useStateReporter';
import { sameViewerState, type ViewerState } from './viewState';

export function useFollowState({
  controller,
  list,
  state,
  studyUid,
  reported,
  applied,
  setSeriesUid,
}: {
  controller: StackController | null;
  list: SeriesSummary[] | undefined;
  state: ViewerState | undefined;
  studyUid: string;
  reported: StateReporter;
  /** The last remote state handed to the viewport (forgotten when a new viewport comes). */
  applied: RefObject<ViewerState | null>;
  setSeriesUid: (uid: string) => void;
}): void {
  /** The viewport that showed a first series. */
  const started = useRef<StackController | null>(null);
  const { lastSent, sent } = reported;
  useEffect(() => {
    if (!controller || !list) return;
    if (state?.studyUid === studyUid && state.seriesUid) {
      started.current = controller;
      if (applied.current === state || sent.current.has(state)) return;
      if (sameViewerState(lastSent.current, state) || sameViewerState(controller.readState(), state)) return;
      applied.current = state;
      setSeriesUid(state.seriesUid);
      void controller.applyState(state);
      return;
    }
    const first = list[0];
    if (started.current === controller || !first) return;
    started.current = controller;
    setSeriesUid(first.seriesUid);
    void controller.showSeries(first.seriesUid);
  }, [controller, list, state, studyUid, applied, lastSent, sent, setSeriesUid]);
}
