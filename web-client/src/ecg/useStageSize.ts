import { useEffect, useState, type RefObject } from 'react';

/** The stage's width in CSS pixels and the screen's pixel ratio, followed as the panel resizes. */
export function useStageSize(stage: RefObject<HTMLElement | null>): { width: number; dpr: number } {
  const [size, setSize] = useState({ width: 0, dpr: 1 });
  useEffect(() => {
    const el = stage.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, dpr: window.devicePixelRatio || 1 });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [stage]);
  return size;
}
