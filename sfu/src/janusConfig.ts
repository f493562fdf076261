// Writes a complete Janus configuration under a data folder. Janus loads every plugin and
// transport in its folders (loading all of Debian's with stock configs crashed it once, RUNBOOK),
// so the folders we point it at hold only symlinks to the VideoRoom plugin and the WebSockets
// transport. The API listens on 127.0.0.1 only; only our Node process talks to Janus.
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import type { SfuConfig } from './config';

export interface JanusSecrets {
  /** Required on every Janus API request (janode sends it as `apisecret`). */
  apiSecret: string;
  /** Admin API secret; the admin API is not exposed, but the stock default must not stay. */
  adminSecret: string;
  /** VideoRoom `admin_key`: only holders may create rooms. */
  adminKey: string;
}

export interface JanusSetup {
  configDir: string;
  mainConfig: string;
  pidFile: string;
  wsUrl: string;
  secrets: JanusSecrets;
}

const LIB_DIRS = ['/usr/lib/x86_64-linux-gnu/janus', '/usr/lib/aarch64-linux-gnu/janus', '/usr/lib/janus'];
const PLUGIN = 'libjanus_videoroom.so';
const TRANSPORT = 'libjanus_websockets.so';

/** Where Debian put the Janus modules (JANUS_LIB_DIR overrides). */
export function janusLibDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.JANUS_LIB_DIR ?? LIB_DIRS.find((d) => existsSync(join(d, 'plugins', PLUGIN)));
  if (!dir)
    throw new Error(`Janus modules not found in ${LIB_DIRS.join(', ')}: is the janus package installed?`);
  return dir;
}

type Value = string | number | boolean | string[] | Group;
interface Group {
  [key: string]: Value | undefined;
}

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** libconfig syntax, the format of Janus's .jcfg files. Undefined settings are left out. */
export function toJcfg(groups: Group, indent = ''): string {
  let out = '';
  for (const [key, value] of Object.entries(groups)) {
    if (value === undefined) continue;
    if (typeof value === 'string') out += `${indent}${key} = ${quote(value)}\n`;
    else if (typeof value === 'number' || typeof value === 'boolean') out += `${indent}${key} = ${value}\n`;
    else if (Array.isArray(value)) out += `${indent}${key} = [${value.map(quote).join(', ')}]\n`;
    else out += `${indent}${key}: {\n${toJcfg(value, `${indent}\t`)}${indent}}\n`;
  }
  return out;
}

function loadOrCreateSecrets(file: string): JanusSecrets {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as JanusSecrets;
  const secret = () => randomBytes(24).toString('base64url');
  const secrets = { apiSecret: secret(), adminSecret: secret(), adminKey: secret() };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** A folder holding exactly the given module symlinks (stale entries removed). */
function moduleFolder(dir: string, target: string): void {
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { force: true });
  symlinkSync(target, join(dir, target.split('/').pop() ?? target));
}

/** Janus's own default list: recordings must never be written into system folders. */
const PROTECTED_FOLDERS = ['/bin', '/boot', '/dev', '/etc', '/initrd', '/lib', '/lib32', '/lib64'];
const PROTECTED_MORE = ['/proc', '/sbin', '/sys', '/usr', '/var'];

export interface WriteOptions {
  env?: NodeJS.ProcessEnv;
  /** Also keep Janus's log in this file (stdout always goes to the supervisor's logger). */
  logFile?: string;
}

/** Writes (or rewrites) `<dataDir>/janus/` and returns what the supervisor and clients need. */
export function writeJanusConfig(dataDir: string, config: SfuConfig, options: WriteOptions = {}): JanusSetup {
  const root = resolve(dataDir, 'janus');
  const configDir = join(root, 'config');
  const lib = janusLibDir(options.env);
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  const secrets = loadOrCreateSecrets(join(root, 'secrets.json'));
  moduleFolder(join(root, 'plugins'), join(lib, 'plugins', PLUGIN));
  moduleFolder(join(root, 'transports'), join(lib, 'transports', TRANSPORT));
  for (const empty of ['events', 'loggers']) {
    rmSync(join(root, empty), { recursive: true, force: true });
    mkdirSync(join(root, empty));
  }

  const nat: Group = {
    nice_debug: false,
    // Enforcing interfaces replaces the ignore list; without it, skip VMware's as Janus does.
    ice_enforce_list: config.iceInterfaces.length ? config.iceInterfaces.join(',') : undefined,
    ice_ignore_list: config.iceInterfaces.length ? undefined : 'vmnet',
    // Behind a 1:1 NAT, advertise the public address but keep the private one for clinics
    // inside the health network that reach Janus directly.
    nat_1_1_mapping: config.publicIp,
    keep_private_host: config.publicIp ? true : undefined,
  };
  const main: Group = {
    general: {
      configs_folder: configDir,
      plugins_folder: join(root, 'plugins'),
      transports_folder: join(root, 'transports'),
      events_folder: join(root, 'events'),
      loggers_folder: join(root, 'loggers'),
      debug_level: config.debugLevel,
      debug_timestamps: false,
      debug_colors: false,
      log_to_stdout: true,
      log_to_file: options.logFile,
      api_secret: secrets.apiSecret,
      admin_secret: secrets.adminSecret,
      server_name: 'tiered-care-sfu',
      session_timeout: 60,
      hide_dependencies: true,
      // A module that fails to load must stop Janus, not leave it running without VideoRoom.
      exit_on_dl_error: true,
      protected_folders: [...PROTECTED_FOLDERS, ...PROTECTED_MORE],
    },
    certificates: {},
    media: { ipv6: false, rtp_port_range: config.rtpPorts },
    nat,
    plugins: {},
    transports: {},
    loggers: {},
    events: { broadcast: false },
  };
  const videoroom: Group = {
    general: {
      admin_key: secrets.adminKey,
      lock_rtp_forward: true,
      // Rooms and feeds are named after consultations and participants, not random numbers.
      string_ids: true,
      events: false,
    },
  };
  const websockets: Group = {
    general: {
      events: false,
      json: 'compact',
      ws: true,
      ws_port: config.wsPort,
      ws_ip: '127.0.0.1',
      ws_acl: '127.',
      wss: false,
      ws_logging: 'err,warn',
    },
    admin: { admin_ws: false, admin_wss: false },
    cors: {},
    certificates: {},
  };

  const mainConfig = join(configDir, 'janus.jcfg');
  const header = '# Generated by sfu/src/janusConfig.ts; edits are overwritten on start.\n';
  writeFileSync(mainConfig, header + toJcfg(main), { mode: 0o600 });
  writeFileSync(join(configDir, 'janus.plugin.videoroom.jcfg'), header + toJcfg(videoroom), { mode: 0o600 });
  writeFileSync(join(configDir, 'janus.transport.websockets.jcfg'), header + toJcfg(websockets), {
    mode: 0o600,
  });
  return {
    configDir,
    mainConfig,
    pidFile: join(root, 'janus.pid'),
    wsUrl: `ws://127.0.0.1:${config.wsPort}`,
    secrets,
  };
}
