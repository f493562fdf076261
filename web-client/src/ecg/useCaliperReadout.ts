import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { caliperReadout } from './calipers';
import type { Caliper } from './types';

/** What a caliper reads, as text: an interval with its heart rate, or an amplitude in mV. */
export function useCaliperReadout(): (c: Caliper) => string {
  const { t } = useTranslation('viewer');
  return useCallback(
    (c: Caliper) => {
      const r = caliperReadout(c);
      return c.kind === 'time'
        ? t('ecg.caliper.timeReadout', { ms: r.ms, bpm: r.bpm })
        : t('ecg.caliper.amplitudeReadout', { mv: r.mv?.toFixed(2) });
    },
    [t],
  );
}
