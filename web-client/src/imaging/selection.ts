// Which study is open in the study section, and in which viewer. The same shape as the consult
// room's shared view (common/src/consultRoomProtocol.ts SharedView) without the viewer's own state.
import { isImageModality } from '../dicom/attributes';

export type ViewerKind = 'image' | 'ecg';

export interface StudySelection {
  studyUid: string;
  seriesUid: string | null;
  kind: ViewerKind;
}

/** An ECG study (waveforms only) opens in the ECG viewer; anything with images in the image viewer. */
export function viewerKindOf(modalities: readonly string[]): ViewerKind {
  return modalities.includes('ECG') && modalities.every((m) => !isImageModality(m)) ? 'ecg' : 'image';
}

/** DICOM DA (YYYYMMDD) as YYYY-MM-DD; anything else as it came. */
export function dicomDate(da: string | null): string | null {
  const m = da ? /^(\d{4})(\d{2})(\d{2})$/.exec(da) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}` : da;
}
