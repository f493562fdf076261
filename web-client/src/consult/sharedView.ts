// The shared viewer on the wire. SharedView (common) names the study and carries the viewer's own
// state as an opaque record: the image viewer's ViewerState, or the ECG viewer's EcgViewState
// (everyone finds the study's ECG waveform the same way, imaging/api.ts findEcg, so the instance
// needn't travel). An empty record means "just opened, default view". Remote states are checked
// before they reach a viewer: a malformed one opens the study at its default view rather than
// breaking the panel.
import { DicomUid as Uid, type SharedView } from '@tiered-care/common';
import { z } from 'zod';
import { GAINS, SPEEDS, type EcgViewState } from '../ecg/types';
import { MEASUREMENT_TOOLS, type ViewerState } from '../viewer/viewState';

/** What is open in the shared viewer, with the viewer's state once someone has moved it. */
export type OpenView =
  | { kind: 'image'; studyUid: string; seriesUid: string | null; viewer: ViewerState | null }
  | { kind: 'ecg'; studyUid: string; seriesUid: string | null; ecg: EcgViewState | null };

const ViewerStateWire: z.ZodType<ViewerState> = z.object({
  studyUid: Uid,
  seriesUid: Uid.nullable(),
  imageIndex: z.number().int().min(0),
  windowWidth: z.number().nullable(),
  windowCenter: z.number().nullable(),
  zoom: z.number().positive(),
  pan: z.tuple([z.number(), z.number()]),
  measurements: z.array(
    z.object({
      uid: z.string().max(128),
      tool: z.enum(MEASUREMENT_TOOLS),
      seriesUid: Uid,
      sopInstanceUid: Uid,
      frame: z.number().int().min(1),
      points: z.array(z.tuple([z.number(), z.number(), z.number()])).max(16),
    }),
  ),
});

const EcgStateWire: z.ZodType<EcgViewState> = z.object({
  position: z.number().min(0),
  zoom: z.object({ gain: z.literal(GAINS), speed: z.literal(SPEEDS), scale: z.number().positive() }),
  calipers: z.array(
    z.object({ id: z.string().max(64), kind: z.enum(['time', 'amplitude']), a: z.number(), b: z.number() }),
  ),
});

export function toSharedView(view: OpenView): SharedView {
  if (view.kind === 'image') {
    return {
      kind: 'image',
      studyUid: view.studyUid,
      seriesUid: view.viewer?.seriesUid ?? view.seriesUid,
      state: view.viewer ? { ...view.viewer } : {},
    };
  }
  return {
    kind: 'ecg',
    studyUid: view.studyUid,
    seriesUid: view.seriesUid,
    state: view.ecg ? { ...view.ecg } : {},
  };
}

/** The view a remote presenter shows; a state that doesn't parse is shown as the default view. */
export function fromSharedView(view: SharedView): OpenView {
  const { studyUid, seriesUid } = view;
  if (view.kind === 'image') {
    const viewer = ViewerStateWire.safeParse(view.state);
    const state = viewer.success && viewer.data.studyUid === studyUid ? viewer.data : null;
    return { kind: 'image', studyUid, seriesUid, viewer: state };
  }
  const ecg = EcgStateWire.safeParse(view.state);
  return { kind: 'ecg', studyUid, seriesUid, ecg: ecg.success ? ecg.data : null };
}

/** Same study in the same viewer: the panel stays mounted and takes the new state. */
export function sameDocument(a: OpenView | null, b: OpenView | null): boolean {
  return a !== null && b !== null && a.kind === b.kind && a.studyUid === b.studyUid;
}
