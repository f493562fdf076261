// Turnaround words: the target for a kind and priority, and how long is left (or overdue).
import { TURNAROUND_MINUTES, type DiagnosisKind, type Priority } from '@tiered-care/common';
import type { TFunction } from 'i18next';
import type { ViewerKind } from '../imaging/selection';

export function turnaroundText(t: TFunction<'diagnosis'>, kind: DiagnosisKind, priority: Priority): string {
  const minutes = TURNAROUND_MINUTES[kind][priority];
  return minutes % 60 === 0 ? t('hours', { count: minutes / 60 }) : t('minutes', { count: minutes });
}

/** Whole minutes from now to `dueAt` (negative once past due). */
export const minutesLeft = (dueAt: string, now = Date.now()): number =>
  Math.round((new Date(dueAt).getTime() - now) / 60_000);

/** Which viewer a request's study opens in. */
export const viewerKind = (kind: DiagnosisKind): ViewerKind => (kind === 'ecg' ? 'ecg' : 'image');

/** The kind a study's modality suggests: ECG waveforms to the ECG centre, anything else imaging. */
export const kindOfModalities = (modalities: readonly string[]): DiagnosisKind =>
  modalities.includes('ECG') ? 'ecg' : 'imaging';
