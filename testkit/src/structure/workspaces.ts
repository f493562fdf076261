// The repository's parts, from one source: the workspaces of the root package.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The workspace folders the root `package.json` declares, in its order. */
export function workspaces(root: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
  return pkg.workspaces;
}
