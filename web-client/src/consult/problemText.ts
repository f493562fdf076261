import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** A sentence for a refused request: our own words for known codes, the server's otherwise. */
export function useProblemText(): (problem: { code: string; message: string }) => string {
  const { t, i18n } = useTranslation('consult');
  return useCallback(
    (p) => {
      const key = `room.errors.${p.code}`;
      return i18n.exists(key, { ns: 'consult' })
        ? t(key, { message: p.message })
        : t('room.errors.generic', { message: p.message });
    },
    [t, i18n],
  );
}
