// Network namespaces for media tests. Tests may only send traffic to loopback or to addresses in
// namespaces they created (RUNBOOK "Network rule"), and libnice ignores loopback, so Janus and the
// browsers run inside a private namespace (testkit/netns-run.sh) joined by veth pairs. A "clinic"
// host is a second, named namespace behind a tbf-shaped veth pair: shaping only bites when the two
// ends are in different namespaces (same-namespace traffic goes through lo).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SCRIPT = new URL('../netns-run.sh', import.meta.url).pathname;

/** The pair netns-run.sh creates: Janus gathers on veth0, a same-namespace browser talks to it. */
export const PRIVATE_NET = {
  janusInterface: 'veth0',
  janusAddress: '10.77.0.1',
  peerInterface: 'veth1',
  peerAddress: '10.77.0.2',
} as const;

/** argv to spawn `command` inside a fresh private namespace (as root). */
export function inPrivateNetns(command: string[]): { cmd: string; args: string[] } {
  return { cmd: 'bash', args: [SCRIPT, ...command] };
}

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Interface names of the namespace this process is in (/sys would show the host's). */
export function interfaces(): string[] {
  return readFileSync('/proc/self/net/dev', 'utf8')
    .split('\n')
    .slice(2)
    .map((line) => line.split(':')[0]?.trim() ?? '')
    .filter(Boolean)
    .sort();
}

/**
 * Refuses to go on outside a namespace made by netns-run.sh: a media test run directly on the
 * host would bind Janus and browsers next to eth0, which the network rule forbids.
 */
export function assertPrivateNetns(): void {
  const names = interfaces();
  const expected = ['lo', PRIVATE_NET.janusInterface, PRIVATE_NET.peerInterface];
  const foreign = names.filter((n) => !expected.includes(n) && !n.startsWith('vclinic'));
  if (process.env.NETNS_RUN_INSIDE !== '1' || foreign.length > 0 || !names.includes('veth0')) {
    throw new Error(
      `not inside a private network namespace (interfaces: ${names.join(', ')}); ` +
        'run through: bash testkit/netns-run.sh node --import tsx --test <file>',
    );
  }
}

export interface ClinicHost {
  /** Named namespace (global to the machine until remove()). */
  name: string;
  /** Interface on our side; add it to SFU_ICE_INTERFACES so Janus offers a candidate on it. */
  hostInterface: string;
  hostAddress: string;
  clinicAddress: string;
  /** Executable that runs Debian's Chromium inside the clinic namespace (playwright executablePath). */
  chromiumPath: string;
  /** Runs a command inside the clinic namespace and returns its stdout. */
  exec: (cmd: string, args: string[]) => string;
  /** Cuts the clinic's link (a network drop) or brings it back; addresses and shaping stay. */
  setLinkUp: (up: boolean) => void;
  remove: () => void;
}

export interface ClinicOptions {
  /** Folder for the Chromium wrapper script. */
  dir: string;
  /** tbf rate in both directions, e.g. '1mbit'. */
  rate?: string;
  /** Selects the 10.78.<index>.0/24 subnet and interface names, so several clinics can coexist. */
  index?: number;
}

/** Creates the clinic namespace, its shaped veth pair and the Chromium wrapper. */
export function createClinicHost(options: ClinicOptions): ClinicHost {
  const index = options.index ?? 0;
  const rate = options.rate ?? '1mbit';
  const name = `${process.env.NETNS_PREFIX ?? 'tcn'}${process.pid}c${index}`;
  const hostInterface = `vclinic${index}`;
  const inner = 'eth-clinic';
  const hostAddress = `10.78.${index}.1`;
  const clinicAddress = `10.78.${index}.2`;
  const inNs = (args: string[]) => ['netns', 'exec', name, ...args];

  run('ip', ['netns', 'add', name]);
  const remove = (): void => {
    // Deleting the namespace also destroys the veth pair (one end lives in it).
    if (existsSync(`/run/netns/${name}`)) run('ip', ['netns', 'del', name]);
  };
  try {
    run('ip', ['link', 'add', hostInterface, 'type', 'veth', 'peer', 'name', inner, 'netns', name]);
    run('ip', ['addr', 'add', `${hostAddress}/24`, 'dev', hostInterface]);
    run('ip', ['link', 'set', hostInterface, 'up']);
    run('ip', inNs(['ip', 'link', 'set', 'lo', 'up']));
    run('ip', inNs(['ip', 'addr', 'add', `${clinicAddress}/24`, 'dev', inner]));
    run('ip', inNs(['ip', 'link', 'set', inner, 'up']));
    // Lets the clinic reach the private namespace's other addresses (e.g. veth0) through us.
    run('ip', inNs(['ip', 'route', 'add', 'default', 'via', hostAddress]));
    const tbf = ['root', 'tbf', 'rate', rate, 'burst', '32kbit', 'latency', '50ms'];
    run('tc', ['qdisc', 'add', 'dev', hostInterface, ...tbf]);
    run('ip', inNs(['tc', 'qdisc', 'add', 'dev', inner, ...tbf]));
  } catch (error) {
    remove();
    throw error;
  }

  const chromiumPath = join(options.dir, `chromium-${name}.sh`);
  writeFileSync(chromiumPath, `#!/bin/sh\nexec ip netns exec ${name} /usr/bin/chromium "$@"\n`);
  chmodSync(chromiumPath, 0o755);

  return {
    name,
    hostInterface,
    hostAddress,
    clinicAddress,
    chromiumPath,
    exec: (cmd, args) => run('ip', inNs([cmd, ...args])),
    setLinkUp: (up) => run('ip', ['link', 'set', hostInterface, up ? 'up' : 'down']),
    remove,
  };
}

/** Named namespaces currently on the machine (to check that tests left none behind). */
export function namedNamespaces(): string[] {
  return run('ip', ['netns', 'list'])
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter(Boolean);
}
