// CSV export for spreadsheets. Excel on Chinese Windows reads a CSV without a byte-order mark
// as GBK and garbles every Chinese header and institution name, hence the BOM; CRLF because
// that is what Excel writes and expects.

export type Cell = string | number | null;

const BOM = '\uFEFF';

function cell(value: Cell): string {
  if (value === null) return '';
  let s = String(value);
  // A text cell starting with = + - @ would run as a formula in Excel (CSV injection); numbers
  // are left alone so negative figures stay numeric.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return BOM + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Saves text as a file through a temporary object URL (no server round trip). */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke on the next tick: some browsers start the download asynchronously after click().
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
