// Child processes tied to their parent (Node only; not part of the browser's entry point).
// A Node process can die in ways that run no handler (SIGKILL, the OOM killer, a crash), and a
// Janus or Orthanc it started must not live on holding ports and files. On Linux the kernel can
// signal a child when its parent dies (PR_SET_PDEATHSIG); util-linux's setpriv sets it and then
// execs the program, so the pid is the program's own.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';

const SETPRIV = '/usr/bin/setpriv';

/**
 * `deathSignal` is what the child gets when its parent dies: SIGKILL by default; a program that
 * must shut down cleanly (PostgreSQL) asks for the signal it handles as a clean stop.
 */
export function spawnTied(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
  deathSignal: NodeJS.Signals = 'SIGKILL',
): ChildProcess {
  if (process.platform !== 'linux' || !existsSync(SETPRIV)) return spawn(command, args, options);
  return spawn(SETPRIV, ['--pdeathsig', deathSignal, '--', command, ...args], options);
}
