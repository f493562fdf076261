// Number formatting shared by cards, table, charts and CSV, so the same figure reads the same
// everywhere (a rate of 0.8333 is "83.3" in all four places).

/** 0..1 → percent with one decimal, or null when there was no decision to rate. */
export const toPercent = (rate: number | null): number | null =>
  rate === null ? null : Math.round(rate * 1000) / 10;

/** Hours with one decimal; the API gives two, one is enough to compare institutions. */
export const toHours = (hours: number | null): number | null =>
  hours === null ? null : Math.round(hours * 10) / 10;

export function formatNumber(value: number, lang: string): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(value);
}
