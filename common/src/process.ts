// Child processes tied to their parent (Node only; not part of the browser's entry point).
// A Node process can die in ways that run no handler (SIGKILL, the OOM killer, a crash), and a
// Janus or Orthanc it started must not live on holding ports and files. On Linux the kernel can
// signal a child when its parent dies (PR_SET_PDEATHSIG); util-linux's setpriv sets it and then
// execs the program, so the pid is the program's own.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';

const SETPRIV = '/usr/bin/setpriv';

// Between fork and setpriv's prctl the parent can die unnoticed (a loaded machine may not run the
// child for a while): the signal is then set on an orphan and nothing ever sends it. So after
// setting it, a shell checks that its parent is still the process that spawned it ($0), and only
// then becomes the program (exec keeps the pid the program's own).
const STILL_OURS = 'if [ "$PPID" != "$0" ]; then exit 1; fi; exec "$@"';

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
  return spawn(
    SETPRIV,
    ['--pdeathsig', deathSignal, '--', '/bin/sh', '-c', STILL_OURS, String(process.pid), command, ...args],
    options,
  );
}
