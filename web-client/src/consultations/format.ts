// Consultation times in the user's own time zone (the browser's), as a clinic's staff read them.
export const dateTime = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
export const time = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(new Date(iso));
export const day = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'full' }).format(new Date(iso));

const pad = (n: number) => String(n).padStart(2, '0');

/** A `datetime-local` value (the user's zone) for an instant. */
export function toLocalInput(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant a `datetime-local` value means in the user's zone, or null when it is empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The next full half hour at least `minutes` from now: a sensible first proposal. */
export function nextHalfHour(minutes = 60): Date {
  const d = new Date(Date.now() + minutes * 60_000);
  d.setSeconds(0, 0);
  d.setMinutes(d.getMinutes() < 30 ? 30 : 60);
  return d;
}

/** YYYY-MM-DD of a local calendar day. */
export const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
