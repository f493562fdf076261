// Orthanc (Debian package) as the PACS in dev and tests: one process per data folder, with a
// generated config that serves DICOMweb only, on loopback, behind a generated password.
// Orthanc has no bind-address option: it listens on every interface, but `RemoteAccessAllowed:
// false` refuses anything that isn't loopback and every request needs the password anyway.
// It runs as root without complaint (checked with 1.10.1), so no service user is needed.
import { spawnTied } from '@tiered-care/common/process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const BINARY = '/usr/sbin/Orthanc';
const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

export interface OrthancOptions {
  /** Loopback HTTP port (default 8042). */
  port?: number;
  /** How long to wait for `/system` to answer (default 30 s). */
  startTimeoutMs?: number;
  /**
   * Keep every image in the transfer syntax it arrived in (default false: uncompressed images are
   * stored as JPEG-LS lossless). For tests that stand for another vendor's archive.
   */
  storeAsReceived?: boolean;
}

export interface Orthanc {
  /** Orthanc's REST root, e.g. http://127.0.0.1:8042 */
  baseUrl: string;
  /** The DICOMweb root (no trailing slash): what a pacs_endpoints row stores. */
  dicomWebUrl: string;
  username: string;
  password: string;
  dataDir: string;
  stop: () => Promise<void>;
}

interface Credentials {
  username: string;
  password: string;
}

/** A port nobody listens on right now (for tests; another process could still take it). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

// Kept in the data folder so a restart keeps the same password (stored endpoint rows stay valid).
function loadOrCreateCredentials(file: string): Credentials {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  const creds = { username: 'tiered-care', password: randomBytes(24).toString('base64url') };
  writeFileSync(file, JSON.stringify(creds), { mode: 0o600 });
  return creds;
}

/** JPEG-LS lossless: what Orthanc 1.10 stores uncompressed images as (see configFor). */
export const JPEG_LS_LOSSLESS = '1.2.840.10008.1.2.4.80';

// Uncompressed images are stored (and so sent to viewers) as JPEG-LS lossless: about a third of
// the bytes at rest and on the wire, bit-exact after decoding; Orthanc decodes it itself for
// /rendered. Images that arrive compressed (JPEG, JPEG 2000, RLE …) are kept as they are:
// re-encoding a lossy image would lose more, and some of them Orthanc cannot decode at all.
// Without pixel data (ECG, SR) only the header's transfer syntax changes.
const INGEST_TRANSCODING = {
  IngestTranscoding: JPEG_LS_LOSSLESS,
  IngestTranscodingOfUncompressed: true,
  IngestTranscodingOfCompressed: false,
};

function configFor(dataDir: string, port: number, creds: Credentials, storeAsReceived: boolean) {
  return {
    ...(storeAsReceived ? {} : INGEST_TRANSCODING),
    Name: 'tiered-care-pacs',
    StorageDirectory: `${dataDir}/storage`,
    IndexDirectory: `${dataDir}/storage`,
    HttpPort: port,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: true,
    RegisteredUsers: { [creds.username]: creds.password },
    // No DICOM (C-STORE/C-FIND) listener: everything goes through DICOMweb.
    DicomServerEnabled: false,
    Plugins: [DICOMWEB_PLUGIN],
    DicomWeb: { Enable: true, Root: '/dicom-web/', EnableWado: false, Ssl: false },
    // Gzip would change the bytes the bridge passes through; frames are mostly incompressible anyway.
    HttpCompressionEnabled: false,
    OrthancExplorerEnabled: false,
    WebDavEnabled: false,
    ExecuteLuaEnabled: false,
    RestApiWriteToFileSystemEnabled: false,
    SaveJobs: false,
    MetricsEnabled: false,
    // Files from Chinese clinics without (0008,0005) are far more likely UTF-8 than Latin-1.
    DefaultEncoding: 'Utf8',
  };
}

async function answers(baseUrl: string, creds: Credentials): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/system`, {
      headers: { authorization: basicAuth(creds) },
      signal: AbortSignal.timeout(2000),
    });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

function basicAuth(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

function logTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Starts Orthanc on `root` (created if missing), or reuses the one a previous run left running
 * there on the same port. `stop()` ends it.
 */
export async function startOrthanc(root: string, options: OrthancOptions = {}): Promise<Orthanc> {
  const dataDir = resolve(root);
  const port = options.port ?? 8042;
  mkdirSync(`${dataDir}/storage`, { recursive: true });
  const creds = loadOrCreateCredentials(`${dataDir}/credentials.json`);
  const baseUrl = `http://127.0.0.1:${port}`;
  const pidFile = `${dataDir}/orthanc.pid`;
  const logFile = `${dataDir}/orthanc.log`;

  let pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : 0;
  if (!(pid && isAlive(pid) && (await answers(baseUrl, creds)))) {
    const configFile = `${dataDir}/orthanc.json`;
    writeFileSync(
      configFile,
      JSON.stringify(configFor(dataDir, port, creds, options.storeAsReceived ?? false), null, 2),
      { mode: 0o600 },
    );
    const log = openSync(logFile, 'a');
    // Tied to this process: if Node dies however it dies, the kernel stops Orthanc too.
    const started = spawnTied(BINARY, [configFile], { stdio: ['ignore', log, log] });
    closeSync(log);
    pid = started.pid ?? 0;
    writeFileSync(pidFile, String(pid));
    // A Node process that dies without calling stop() must not leave Orthanc holding the port.
    process.once('exit', () => started.kill('SIGTERM'));
    const until = Date.now() + (options.startTimeoutMs ?? 30_000);
    while (!(await answers(baseUrl, creds))) {
      if (started.exitCode !== null || Date.now() > until) {
        started.kill('SIGKILL');
        throw new Error(`Orthanc did not start on port ${port}:\n${logTail(logFile)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const running = pid;
  return {
    baseUrl,
    dicomWebUrl: `${baseUrl}/dicom-web`,
    username: creds.username,
    password: creds.password,
    dataDir,
    stop: async () => {
      if (!running || !isAlive(running)) return;
      process.kill(running, 'SIGTERM');
      if (!(await waitForExit(running, 10_000))) process.kill(running, 'SIGKILL');
      rmSync(pidFile, { force: true });
    },
  };
}
