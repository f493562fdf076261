// What the bridge measures on the request's ECG waveform (GET …/measurements), to prefill the
// report's ECG fields; null when the study holds no waveform.
import { findEcg } from '../imaging/api';
import { useAsync } from '../ui/useAsync';
import { ecgMeasurements } from './api';

export function useEcgAnalysis(studyUid: string, enabled: boolean) {
  return useAsync(
    async (signal) => {
      if (!enabled) return null;
      const target = await findEcg(studyUid, signal);
      return target ? ecgMeasurements(studyUid, target.seriesUid, target.instanceUid, signal) : null;
    },
    [studyUid, enabled],
  );
}
