// One StackController per mounted viewer and study, created once Cornerstone is ready, with the
// image position, window and errors it reports as React state, and resized with its stage.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { ensureCornerstone, type RenderMode } from './cornerstone';
import type { Window } from './presets';
import { StackController } from './stackController';
import type { Throttled } from './throttle';
import type { ViewerState } from './viewState';

interface Options {
  element: RefObject<HTMLDivElement | null>;
  stage: RefObject<HTMLDivElement | null>;
  dicomWebRoot: string;
  studyUid: string;
  /** Bumped by "try again". */
  attempt: number;
  /** A change the local user made (throttled reporter; flushed when the controller goes). */
  reporter: Throttled<[ViewerState]>;
  onUserSeries: (seriesUid: string | null) => void;
  /** A new controller replaces the old one (anything applied to the old one is forgotten). */
  onCreated: () => void;
}

export function useStackController({
  element,
  stage,
  dicomWebRoot,
  studyUid,
  attempt,
  reporter,
  onUserSeries,
  onCreated,
}: Options) {
  const [controller, setController] = useState<StackController | null>(null);
  const [mode, setMode] = useState<RenderMode | null>(null);
  const [fatal, setFatal] = useState<unknown>(null);
  const [viewError, setViewError] = useState<unknown>(null);
  const [index, setIndex] = useState(0);
  const [total, setTotal] = useState(0);
  const [win, setWin] = useState<Window | null>(null);
  // Read from the controller's callbacks, which outlive a render.
  const callbacks = useRef({ onUserSeries, onCreated });
  useEffect(() => {
    callbacks.current = { onUserSeries, onCreated };
  });

  // Create the viewport once Cornerstone is ready; one controller per mounted panel and study.
  useEffect(() => {
    const el = element.current;
    if (!el) return;
    let cancelled = false;
    let created: StackController | null = null;
    ensureCornerstone().then(
      (m) => {
        if (cancelled) return;
        setMode(m);
        created = new StackController(el, dicomWebRoot, studyUid, {
          onImage: (i, n) => {
            setIndex(i);
            setTotal(n);
          },
          onWindow: setWin,
          onUserChange: (s) => {
            callbacks.current.onUserSeries(s.seriesUid);
            reporter(s);
          },
          onError: setViewError,
        });
        callbacks.current.onCreated();
        setController(created);
      },
      (err: unknown) => !cancelled && setFatal(err),
    );
    return () => {
      cancelled = true;
      reporter.flush();
      created?.destroy();
      setController(null);
    };
  }, [element, dicomWebRoot, studyUid, attempt, reporter]);

  useEffect(() => {
    const el = stage.current;
    if (!controller || !el) return;
    const observer = new ResizeObserver(() => controller.resize());
    observer.observe(el);
    return () => observer.disconnect();
  }, [controller, stage]);

  return { controller, mode, fatal, viewError, index, total, win };
}
