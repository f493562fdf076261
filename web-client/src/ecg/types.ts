// The decoded ECG as the viewer uses it (see wire.ts for pacs-bridge's answer), and the
// viewer's shareable state.

export interface EcgChannel {
  /** As the modality wrote it: "II", "Lead II", "Lead I (Einthoven)", "V1"… */
  lead: string;
  /** Unit of `samples`: UCUM code ("uV", "mV") or its meaning ("microvolt"). */
  unit: string;
  samples: ArrayLike<number>;
}

export interface EcgGroup {
  /** "RHYTHM", "MEDIAN BEAT"… */
  label: string;
  samplingFrequency: number;
  channels: EcgChannel[];
}

export interface EcgData {
  groups: EcgGroup[];
  /** Beats per minute from the server's R-peak detection; null when it found too few beats. */
  heartRate: number | null;
  rrIntervals: number[];
}

export const GAINS = [5, 10, 20] as const;
export const SPEEDS = [25, 50] as const;
export type Gain = (typeof GAINS)[number];
export type Speed = (typeof SPEEDS)[number];

/**
 * Calipers live in signal units, not pixels: a time caliper's lines are paper positions in
 * seconds, an amplitude caliper's in millivolts from the top of the paper. They stay on the same
 * waves whatever the zoom, gain, speed or screen of the person looking.
 */
export type Caliper =
  | { id: string; kind: 'time'; a: number; b: number }
  | { id: string; kind: 'amplitude'; a: number; b: number };
export type CaliperKind = Caliper['kind'];

export interface EcgZoom {
  /** mm per mV on the paper. */
  gain: Gain;
  /** mm per second on the paper. */
  speed: Speed;
  /** Free zoom: 1 = paper millimetres at CSS 96 dpi. */
  scale: number;
}

export interface EcgViewState {
  /** Left edge of the view, in paper seconds. */
  position: number;
  zoom: EcgZoom;
  calipers: Caliper[];
}

export const DEFAULT_ECG_STATE: EcgViewState = {
  position: 0,
  zoom: { gain: 10, speed: 25, scale: 1 },
  calipers: [],
};
