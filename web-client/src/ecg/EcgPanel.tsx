// 12-lead ECG on standard paper (lazy-loaded). Gain, speed and free zoom, horizontal scrolling,
// time and voltage calipers. Like the image viewer it is uncontrolled by default and can be kept
// in step with a peer through `state` / `onStateChange` (reports throttled to ~60 ms).
import { useTranslation } from 'react-i18next';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import { fetchEcg } from './ecgApi';
import { EcgView } from './EcgView';
import type { EcgViewState } from './types';
import './ecg.css';

export type { EcgViewState, Caliper, EcgData } from './types';

export interface EcgPanelProps {
  studyUid: string;
  seriesUid: string;
  instanceUid: string;
  /** Shared state from the other side; applied whenever it changes. */
  state?: EcgViewState;
  /** Called (throttled) when the local user scrolls, zooms or moves a caliper. */
  onStateChange?: (state: EcgViewState) => void;
}

export default function EcgPanel({ studyUid, seriesUid, instanceUid, state, onStateChange }: EcgPanelProps) {
  const { t } = useTranslation('viewer');
  const ecg = useAsync(
    (signal) => fetchEcg(studyUid, seriesUid, instanceUid, signal),
    [studyUid, seriesUid, instanceUid],
  );

  if (ecg.error) return <ErrorState error={ecg.error} onRetry={ecg.reload} />;
  if (!ecg.data) return <Loading />;
  if (!ecg.data.groups.some((g) => g.channels.length > 0)) return <Empty text={t('ecg.noData')} />;
  return <EcgView data={ecg.data} state={state} onStateChange={onStateChange} />;
}
