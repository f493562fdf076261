// Dates and times as the hospitals read them: always Asia/Shanghai, whatever the PC's clock zone.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const TZ = 'Asia/Shanghai';
const DAY_KEY = new Intl.DateTimeFormat('en-CA', { timeZone: TZ });

/** The calendar day (YYYY-MM-DD) of an instant in Asia/Shanghai. */
export const dayKey = (at: string | Date): string => DAY_KEY.format(new Date(at));

/** Today's date in Asia/Shanghai, for the 今日报到 list. */
export const todayInShanghai = (): string => dayKey(new Date());

/** A `datetime-local` value typed in Beijing time, as an ISO instant with its offset. */
export const beijingLocalToIso = (local: string): string =>
  `${local.length === 16 ? `${local}:00` : local}+08:00`;

/** Whole years between a YYYY-MM-DD birth date and today. */
export function ageOf(birthDate: string, now = new Date()): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [ty, tmo, td] = dayKey(now).split('-').map(Number) as [number, number, number];
  return ty - y - (tmo < mo || (tmo === mo && td < d) ? 1 : 0);
}

export interface Formatters {
  dateTime: (at: string | null | undefined) => string;
  date: (at: string | null | undefined) => string;
  time: (at: string | null | undefined) => string;
  weekday: (at: string) => string;
}

/** Formatters in the UI language (zh-CN or English), in Beijing time. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'zh-CN';
  return useMemo(() => {
    const make = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { timeZone: TZ, ...o });
    const dt = make({
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    const d = make({ year: 'numeric', month: '2-digit', day: '2-digit' });
    const tm = make({ hour: '2-digit', minute: '2-digit', hour12: false });
    const wd = make({ month: 'numeric', day: 'numeric', weekday: 'short' });
    const safe = (f: Intl.DateTimeFormat) => (at: string | null | undefined) =>
      at ? f.format(new Date(at)) : '—';
    return {
      dateTime: safe(dt),
      date: safe(d),
      time: safe(tm),
      weekday: (at: string) => wd.format(new Date(at)),
    };
  }, [locale]);
}
