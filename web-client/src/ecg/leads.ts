// Lead names and units as modalities write them → the standard names our layout places.

export const STANDARD_LEADS = [
  'I',
  'II',
  'III',
  'aVR',
  'aVL',
  'aVF',
  'V1',
  'V2',
  'V3',
  'V4',
  'V5',
  'V6',
] as const;
export type StandardLead = (typeof STANDARD_LEADS)[number];

const BY_UPPER = new Map<string, StandardLead>(STANDARD_LEADS.map((l) => [l.toUpperCase(), l]));

/** "Lead I (Einthoven)" → "I", "lead avr" → "aVR", "V1" → "V1"; unknown names come back trimmed. */
export function normalizeLead(label: string): string {
  const core = label
    .replace(/\(.*?\)/g, '')
    .replace(/^\s*lead\s*/i, '')
    .replace(/[-_\s]+/g, '')
    .trim();
  return BY_UPPER.get(core.toUpperCase()) ?? label.trim();
}

const PER_MILLIVOLT: Record<string, number> = {
  uv: 1000,
  µv: 1000,
  μv: 1000,
  microvolt: 1000,
  mv: 1,
  millivolt: 1,
  v: 0.001,
  volt: 0.001,
};

/** Factor that turns a sample in `unit` into millivolts (µV if the unit is unknown or empty). */
export function millivoltFactor(unit: string): number {
  const perMv = PER_MILLIVOLT[unit.trim().toLowerCase()] ?? 1000;
  return 1 / perMv;
}
