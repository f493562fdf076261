import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { importCycles } from './importCycles';

const root = mkdtempSync(join(tmpdir(), 'cycles-'));
after(() => rmSync(root, { recursive: true, force: true }));

function part(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

test('a cycle through a .tsx component, a re-export and a folder index is found', () => {
  const dir = part('cyclic', {
    'src/app.tsx': "import { Page } from './pages';\nexport const App = Page;\n",
    'src/pages/index.ts': "export * from './Page';\n",
    'src/pages/Page.tsx': "import type { App } from '../app';\nexport const Page = (a: typeof App) => a;\n",
  });
  assert.deepEqual(importCycles(dir), [
    'src/app.tsx → src/pages/index.ts → src/pages/Page.tsx → src/app.tsx',
  ]);
});

test('imports that only go one way, by package name or from tests, are no cycle', () => {
  const dir = part('acyclic', {
    'src/a.ts': "import { b } from './b';\nimport { z } from 'zod';\nexport const a = [b, z];\n",
    'src/b.ts': "import type { Thing } from '@tiered-care/common';\nexport const b: Thing | null = null;\n",
    'src/a.test.ts': "import { a } from './a';\nexport const used = a;\n",
    'src/c.ts': "export { a } from './a';\n",
  });
  assert.deepEqual(importCycles(dir), []);
});
