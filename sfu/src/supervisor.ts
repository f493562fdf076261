// Runs Janus as a child process we own: its log lines go into our structured logger, readiness and
// health are checked with a real API call (getInfo over the WebSocket), and a crash or a hang is
// answered with a restart after a growing delay, so a crash loop doesn't spin the CPU.
import type { ChildProcess } from 'node:child_process';
import { spawnTied } from '@tiered-care/common/process';
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ServerInfo } from 'janode';
import { loadJanode, routeJanodeLogs } from './janodeClient';
import type { JanusSetup } from './janusConfig';
import { silentLogger, type SfuLogger } from './logger';

export const VIDEOROOM = 'janus.plugin.videoroom';

export interface HealthResult {
  name: 'sfu';
  ok: boolean;
  detail?: string;
}

export interface SupervisorOptions {
  setup: JanusSetup;
  logger?: SfuLogger;
  janusBin?: string;
  readyTimeoutMs?: number;
  /** First restart delay; doubles per consecutive failure up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Period of the liveness probe (0 = off); three failures in a row mean "hung": kill and restart. */
  healthIntervalMs?: number;
}

export interface SupervisorEvents {
  ready: [{ pid: number; version: string }];
  restarted: [{ pid: number; restarts: number }];
  exit: [{ code: number | null; signal: NodeJS.Signals | null; expected: boolean }];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** One getInfo over a fresh WebSocket: proves the transport, the core and the API secret work. */
export async function probeJanus(setup: JanusSetup, timeoutMs = 3000): Promise<ServerInfo> {
  let gaveUp = false;
  const janode = await loadJanode();
  const connecting = janode.connect({
    address: { url: setup.wsUrl, apisecret: setup.secrets.apiSecret },
    max_retries: 0,
  });
  // A connection that opens after we gave up must still be closed.
  connecting.then(
    (late) => (gaveUp ? late.close().catch(() => undefined) : undefined),
    () => undefined,
  );
  try {
    const connection = await withTimeout(connecting, timeoutMs, 'Janus connect');
    try {
      return await withTimeout(connection.getInfo(), timeoutMs, 'Janus getInfo');
    } finally {
      await connection.close().catch(() => undefined);
    }
  } catch (error) {
    gaveUp = true;
    throw error;
  }
}

const LEVELS: [RegExp, 'error' | 'warn'][] = [
  [/^\[(ERR|FATAL)\]/, 'error'],
  [/^\[WARN\]/, 'warn'],
];

export class JanusSupervisor extends EventEmitter<SupervisorEvents> {
  private readonly setup: JanusSetup;
  private readonly log: SfuLogger;
  private readonly opts: Required<Omit<SupervisorOptions, 'setup' | 'logger'>>;
  private child: ChildProcess | undefined;
  private stopping = false;
  private ready = false;
  private restarts = 0;
  private failures = 0;
  private readyAt = 0;
  private healthTimer: NodeJS.Timeout | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly recent: string[] = [];

  constructor(options: SupervisorOptions) {
    super();
    this.setup = options.setup;
    this.log = (options.logger ?? silentLogger).child({ module: 'sfu-supervisor' });
    routeJanodeLogs(options.logger ?? silentLogger);
    this.opts = {
      janusBin: options.janusBin ?? 'janus',
      readyTimeoutMs: options.readyTimeoutMs ?? 20_000,
      initialBackoffMs: options.initialBackoffMs ?? 500,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      healthIntervalMs: options.healthIntervalMs ?? 10_000,
    };
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Janus's last log lines, for error reports when it dies. */
  get lastLines(): string[] {
    return [...this.recent];
  }

  /** Starts Janus and resolves once it answers getInfo with VideoRoom loaded. */
  async start(): Promise<void> {
    this.stopping = false;
    const info = await this.launch();
    this.emit('ready', info);
    if (this.opts.healthIntervalMs > 0) {
      this.healthTimer = setInterval(() => void this.watch(), this.opts.healthIntervalMs);
      this.healthTimer.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.healthTimer);
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const graceful = await withTimeout(exited, 5000, 'janus shutdown').then(
        () => true,
        () => false,
      );
      if (!graceful) {
        this.log.warn({ pid: child.pid }, 'janus ignored SIGTERM, killing');
        child.kill('SIGKILL');
        await exited;
      }
    }
    rmSync(this.setup.pidFile, { force: true });
  }

  /** For /healthz: a live getInfo round trip, not just "the process exists". */
  async health(): Promise<HealthResult> {
    if (!this.ready)
      return { name: 'sfu', ok: false, detail: this.child ? 'janus starting' : 'janus not running' };
    try {
      const info = await probeJanus(this.setup);
      if (!info.plugins[VIDEOROOM]) return { name: 'sfu', ok: false, detail: 'videoroom plugin not loaded' };
      return { name: 'sfu', ok: true };
    } catch (error) {
      return { name: 'sfu', ok: false, detail: (error as Error).message };
    }
  }

  /** A Janus left running by a crashed Node process still holds our ports; end it by its pid. */
  private async killStale(): Promise<void> {
    if (!existsSync(this.setup.pidFile)) return;
    const pid = Number(readFileSync(this.setup.pidFile, 'utf8'));
    const cmdline = `/proc/${pid}/cmdline`;
    if (!(pid > 0 && existsSync(cmdline) && readFileSync(cmdline, 'utf8').includes(this.setup.configDir)))
      return;
    this.log.warn({ pid }, 'killing a janus left over from a previous run');
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 50 && existsSync(cmdline); i++) await sleep(100);
  }

  private async launch(): Promise<{ pid: number; version: string }> {
    await this.killStale();
    const { configDir, mainConfig } = this.setup;
    // Tied to this process: if Node dies however it dies, the kernel kills Janus too.
    const child = spawnTied(this.opts.janusBin, ['-F', configDir, '-C', mainConfig], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.ready = false;
    const failed = new Promise<never>((_, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        reject(new Error(`janus exited during start (${code ?? signal})`)),
      );
    });
    failed.catch(() => undefined);
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    for (const input of [child.stdout, child.stderr]) {
      if (input) createInterface({ input }).on('line', (line) => this.onLine(line));
    }
    if (child.pid) writeFileSync(this.setup.pidFile, String(child.pid));

    const deadline = Date.now() + this.opts.readyTimeoutMs;
    for (;;) {
      try {
        const info = await Promise.race([probeJanus(this.setup, 1000), failed]);
        if (!info.plugins[VIDEOROOM]) throw new Error('janus is up without the videoroom plugin');
        this.ready = true;
        this.readyAt = Date.now();
        this.failures = 0;
        this.log.info({ pid: child.pid, version: info.version_string }, 'janus ready');
        return { pid: child.pid ?? 0, version: info.version_string };
      } catch (error) {
        if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          throw new Error(`janus did not become ready: ${(error as Error).message}`, { cause: error });
        }
        await sleep(150);
      }
    }
  }

  private onLine(line: string): void {
    this.recent.push(line);
    if (this.recent.length > 40) this.recent.shift();
    const level = LEVELS.find(([re]) => re.test(line))?.[1] ?? 'debug';
    this.log[level]({ janus: line }, 'janus');
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return;
    const expected = this.stopping;
    const wasReady = this.ready;
    this.ready = false;
    this.emit('exit', { code, signal, expected });
    // An exit during launch() is that call's failure to handle, not a crash to restart from here.
    if (expected || !wasReady) return;
    this.log.error({ code, signal, lastLines: this.recent.slice(-10) }, 'janus exited unexpectedly');
    // A Janus that stayed up for a while earns a quick restart; a crash loop backs off.
    if (Date.now() - this.readyAt > 60_000) this.failures = 0;
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    const delay = Math.min(this.opts.initialBackoffMs * 2 ** this.failures, this.opts.maxBackoffMs);
    this.failures += 1;
    this.restartTimer = setTimeout(() => {
      if (this.stopping) return;
      this.launch().then(
        ({ pid }) => {
          this.restarts += 1;
          this.log.info({ pid, restarts: this.restarts }, 'janus restarted');
          this.emit('restarted', { pid, restarts: this.restarts });
        },
        (error: unknown) => {
          this.log.error({ err: error }, 'janus restart failed');
          if (!this.stopping) this.scheduleRestart();
        },
      );
    }, delay);
  }

  private misses = 0;
  private async watch(): Promise<void> {
    if (!this.ready || this.stopping) return;
    const result = await this.health();
    this.misses = result.ok ? 0 : this.misses + 1;
    if (this.misses >= 3 && this.child) {
      this.log.error({ detail: result.detail }, 'janus stopped answering, killing it for a restart');
      this.misses = 0;
      this.child.kill('SIGKILL');
    }
  }
}
