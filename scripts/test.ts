// `npm test`: static checks (format, lint, types), then every test file against one throwaway
// PostgreSQL cluster. Each test file copies its own database from a migrated, seeded template.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { inPrivateNetns, randomSecrets, startCluster } from '@tiered-care/testkit';
import { prepareTemplate } from '@tiered-care/testkit/harness';
import { workspaces } from '@tiered-care/testkit/structure';

const ROOT = new URL('..', import.meta.url).pathname;
// Every workspace (the web client's sources only: its build output holds no tests), and scripts/.
const PARTS = [
  ...workspaces(ROOT).map((part) => (part === 'web-client' ? 'web-client/src' : part)),
  'scripts',
];

function step(
  name: string,
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd = '.',
): boolean {
  console.log(`\n== ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: join(ROOT, cwd), stdio: 'inherit', env });
  console.log(
    `== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return r.status === 0;
}

function findFiles(dir: string, wanted: (name: string) => boolean, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) findFiles(path, wanted, out);
    else if (wanted(entry)) out.push(relative(ROOT, path));
  }
  return out;
}

// *.netns.test.ts run inside a private network namespace (see below); the rest directly.
const isNetnsTest = (name: string) => name.endsWith('.netns.test.ts');
const isTest = (name: string) => /\.test\.tsx?$/.test(name) && !isNetnsTest(name);

const only = process.argv.slice(2);
const failures: string[] = [];
if (only.length === 0) {
  if (!step('format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn'])) failures.push('format');
  if (!step('lint', 'npx', ['eslint', '.'])) failures.push('lint');
  if (!step('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'])) failures.push('typecheck');
  if (!step('typecheck web-client', 'npx', ['tsc', '--noEmit', '-p', 'web-client/tsconfig.json'])) {
    failures.push('typecheck web-client');
  }
}
// Browser tests serve the built client; build it once here rather than in each test file.
if (
  !step('build web-client', 'npx', ['vite', 'build', '--logLevel', 'warn'], { ...process.env }, 'web-client')
) {
  failures.push('build web-client');
}

// Named files run as the full run would: network-namespace ones inside the namespace.
const files = only.length
  ? only.filter((f) => !isNetnsTest(f))
  : PARTS.flatMap((p) => findFiles(join(ROOT, p), isTest)).sort();
const root = mkdtempSync(join(tmpdir(), 'tiered-care-test-'));
const port = 55000 + Math.floor(Math.random() * 4000);
process.env.PG_FSYNC = 'off';
const cluster = startCluster(root, port);
try {
  const secrets = randomSecrets();
  await prepareTemplate(cluster, secrets);
  const env = {
    ...process.env,
    TEST_PG_ROOT: root,
    TEST_PG_PORT: String(port),
    TEST_AUTH_SECRET: secrets.AUTH_SECRET,
    TEST_DATA_KEY: secrets.DATA_KEY,
  };
  console.log(`\n${files.length} test files`);
  if (
    files.length &&
    !step('tests', process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], env)
  ) {
    failures.push('tests');
  }
  // Media tests: Janus and the browsers in a network namespace of their own (libnice gathers no
  // loopback candidates, and no test traffic may reach the machine's real interfaces).
  const netns = only.length
    ? only.filter(isNetnsTest)
    : PARTS.flatMap((p) => findFiles(join(ROOT, p), isNetnsTest)).sort();
  if (netns.length) {
    const { cmd, args } = inPrivateNetns([
      process.execPath,
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=1',
      ...netns,
    ]);
    if (!step('media tests (network namespace)', cmd, args, env)) failures.push('media tests');
  }
} finally {
  cluster.stop();
  rmSync(root, { recursive: true, force: true });
}

if (failures.length) {
  console.error(`\nnpm test failed: ${failures.join(', ')}`);
  process.exit(1);
}
console.log('\nnpm test: all checks and tests passed');
