// Dates of consultations, always in Asia/Shanghai whatever the PC's clock zone.
const ZONE = 'Asia/Shanghai';

export const dayOf = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: ZONE, dateStyle: 'full' }).format(new Date(iso));
export const timeOf = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: ZONE, timeStyle: 'short' }).format(new Date(iso));
export const dateTimeOf = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
