// Imports by package name only: the lint rule that refuses a relative import leaving its
// workspace, run through the repository's own ESLint config on source that exists only here.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const ROOT = resolve(import.meta.dirname, '../..');
const RULE = 'import-x/no-relative-packages';
// The repository's config, with only the boundary rule: the probe files exist only here, so the
// type-aware rules (which need them in a tsconfig on disk) stay off.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === RULE,
});

/** The boundary rule's messages for `code` as if it were the file at `path` (repo-relative). */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, path) });
  assert.ok(result, 'ESLint linted the text');
  assert.deepEqual(
    result.messages.filter((m) => m.ruleId !== RULE),
    [],
    'nothing but the boundary rule speaks (no parsing error hides it)',
  );
  return result.messages.map((m) => m.message);
}

test('a relative import into another part is a lint error', async () => {
  const errors = await boundaryErrors(
    'signaling/src/consult/probe.ts',
    "import { loadConfig } from '../../../referral-api/src/config';\nexport const probe = loadConfig;\n",
  );
  assert.equal(errors.length, 1);
  assert.match(errors[0] ?? '', /referral-api\/src\/config/);
});

test('a test reaching into a part by a relative path is a lint error too', async () => {
  const errors = await boundaryErrors(
    'tests/security/probe.test.ts',
    "import { pacsHealthCheck } from '../../pacs-bridge/src/health';\nexport const probe = pacsHealthCheck;\n",
  );
  assert.equal(errors.length, 1);
});

test('deep relative imports inside the same part and imports by package name are allowed', async () => {
  const errors = await boundaryErrors(
    'referral-api/src/consultations/probe.ts',
    [
      "import { loadConfig } from '../config';",
      "import { migrate } from '../db/migrate';",
      "import { AppError } from '@tiered-care/platform';",
      'export const probe = [loadConfig, migrate, AppError];',
      '',
    ].join('\n'),
  );
  assert.deepEqual(errors, []);
});
