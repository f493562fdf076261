// Import cycles inside one part: a cycle makes load order matter and hides which file owns what.
// Only relative imports are followed (imports by package name leave the part); type-only imports
// count too, they tie files together all the same.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SOURCE = /\.tsx?$/;
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

/** The part's source files (tests excluded: nothing imports them), skipping installed packages. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist') return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** `import … from './x'`, `import './x'`, `export … from './x'` and `import('./x')`, resolved to files. */
export function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [
    ...text.matchAll(/(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"](\.[^'"]+)['"]/g),
    ...text.matchAll(/(?:^|[\s;])import\s*['"](\.[^'"]+)['"]/g),
    ...text.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? '');
  return specs.map((spec) => {
    const base = resolve(dirname(file), spec);
    const candidates = [base, ...EXTENSIONS.map((e) => base + e)];
    return candidates.find((p) => statSync(p, { throwIfNoEntry: false })?.isFile()) ?? base;
  });
}

/** Every cycle met walking the graph from each file, as file paths ending where they start. */
export function findCycles(files: string[]): string[][] {
  const graph = new Map(files.map((f) => [f, relativeImports(f)]));
  const found: string[][] = [];
  const done = new Set<string>();
  const visit = (file: string, path: string[]) => {
    const at = path.indexOf(file);
    if (at >= 0) {
      found.push(path.slice(at).concat(file));
      return;
    }
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    done.add(file);
  };
  for (const file of files) visit(file, []);
  return found;
}

/** The cycles among a part's source files, each as `a.ts → b.ts → a.ts` relative to the part. */
export function importCycles(partDir: string): string[] {
  return findCycles(sourceFiles(partDir)).map((cycle) => cycle.map((p) => relative(partDir, p)).join(' → '));
}
