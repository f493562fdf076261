// Child processes tied to their parent (Node only; not part of the browser's entry point).
// A Node process can die in ways that run no handler (SIGKILL, the OOM killer, a crash), and a
// Janus or Orthanc it started must not live on holding ports and files. On Linux the kernel can
// signal a child when its parent dies (PR_SET_PDEATHSIG); util-linux's setpriv sets it and then
// execs the program, so the pid is the program's own.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';

const SETPRIV = '/usr/bin/setpriv';

export function spawnTied(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): ChildProcess {
  if (process.platform !== 'linux' || !existsSync(SETPRIV)) return spawn(command, args, options);
  return spawn(SETPRIV, ['--pdeathsig', 'SIGKILL', '--', command, ...args], options);
}
