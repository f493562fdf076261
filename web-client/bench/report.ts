// The markdown written to bench/results.md and printed to the console.
import { format, resolveConfig } from 'prettier';
import type { BundleReport } from './bundle';
import type { FirstLoad } from './firstLoad';

export interface Row {
  figure: string;
  budget: string;
  measured: string;
  pass: boolean | null;
}

export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

export function markdown(rows: Row[], bundle: BundleReport, load: FirstLoad | null, notes: string[]): string {
  const verdict = (p: boolean | null) => (p === null ? 'n/a' : p ? 'pass' : 'FAIL');
  const lines = [
    '# Web client budgets',
    '',
    `Measured ${new Date().toISOString()} by \`npm run bench -w web-client\` (kB = 1000 bytes, gzip level 9).`,
    '',
    '| figure | budget | measured | pass/fail |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.figure} | ${r.budget} | ${r.measured} | ${verdict(r.pass)} |`),
    '',
    '## Initial JavaScript (entry + modulepreload)',
    '',
    '| chunk | raw | gzip |',
    '|---|---|---|',
    ...bundle.initial.map((c) => `| ${c.file} | ${kB(c.bytes)} | ${kB(c.gzipBytes)} |`),
    ...bundle.initialCss.map(
      (c) => `| ${c.file} (CSS, not in the JS budget) | ${kB(c.bytes)} | ${kB(c.gzipBytes)} |`,
    ),
    '',
    '## Lazy chunks (loaded when a page or feature needs them)',
    '',
    '| chunk | raw | gzip |',
    '|---|---|---|',
    ...bundle.lazy.map((c) => `| ${c.file} | ${kB(c.bytes)} | ${kB(c.gzipBytes)} |`),
    '',
  ];
  if (load) {
    lines.push(
      '## Worklist first load',
      '',
      'Cold loads (new browser context, cache disabled, 2 Mbit/s down and up, 50 ms latency): ' +
        `${load.runsMs.map((ms) => `${ms} ms`).join(', ')}; median reported. ` +
        `Transferred ${kB(load.transferredBytes)}; stopped at \`${load.shown}\`.`,
      '',
    );
    if (load.uncompressedScripts > 0) {
      lines.push(
        `${load.uncompressedScripts} script(s) arrived without Content-Encoding: the server sends JavaScript ` +
          `uncompressed, so the link carries ${kB(bundle.initial.reduce((n, c) => n + c.bytes, 0))} of initial JS ` +
          `instead of ${kB(bundle.initialGzipBytes)}. Compressing responses (or serving precompressed .gz/.br) ` +
          'would cut the first load by roughly that difference at 250 kB/s.',
        '',
      );
    }
  }
  if (notes.length) lines.push('## Notes', '', ...notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

/** As prettier would format it, so `npm run format:check` stays clean after a run. */
export async function formatted(file: string, md: string): Promise<string> {
  const options = (await resolveConfig(file)) ?? {};
  return format(md, { ...options, parser: 'markdown' });
}
