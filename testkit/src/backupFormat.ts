// The backup folder written by `npm run backup` and read by `npm run restore`:
//
//   manifest.json         what is here, with the sha256 and size of every file
//   database.dump         pg_dump custom format of the `referral` database, as its owner
//   pacs/<name>/<uid>.dcm every instance of each Orthanc under DATA_DIR, as Orthanc stored it
//   recordings/...        DATA_DIR/recordings as is
//   secrets.enc           secrets.json and each Orthanc's credentials.json, plus the list of
//                         checksums, sealed with BACKUP_PASSPHRASE (scrypt, AES-256-GCM): the
//                         passphrase also proves the checksums are the ones written
import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ensureDatabase, startCluster } from './postgres';

export const FORMAT = 'tiered-care-backup/1';

export interface FileEntry {
  path: string;
  sha256: string;
  bytes: number;
}

export interface PacsInstance {
  sopInstanceUid: string;
  file: string;
  sha256: string;
}

export interface Manifest {
  /** FORMAT, checked on restore (a string: the file comes from outside). */
  format: string;
  createdAt: string;
  files: FileEntry[];
  /** One per Orthanc folder found under DATA_DIR (its path relative to DATA_DIR). */
  pacs: { folder: string; instances: PacsInstance[] }[];
}

/** What secrets.enc holds once opened. */
export interface SecretBundle {
  /** Relative path under DATA_DIR → file content (base64). */
  files: Record<string, string>;
  /** The manifest's file list as written, so a swapped file or manifest is caught. */
  checksums: FileEntry[];
}

interface Sealed {
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const AAD = Buffer.from(FORMAT);

export function passphrase(): string {
  const value = process.env.BACKUP_PASSPHRASE ?? '';
  if (value.length < 12) {
    throw new Error('set BACKUP_PASSPHRASE (at least 12 characters): it encrypts the secrets in the backup');
  }
  return value;
}

export function seal(bundle: SecretBundle, pass: string): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = scryptSync(pass, salt, 32, SCRYPT);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(AAD);
  const data = Buffer.concat([cipher.update(JSON.stringify(bundle), 'utf8'), cipher.final()]);
  const sealed: Sealed = {
    kdf: 'scrypt',
    N: SCRYPT.N,
    r: SCRYPT.r,
    p: SCRYPT.p,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  return JSON.stringify(sealed, null, 2);
}

export function unseal(text: string, pass: string): SecretBundle {
  const s = JSON.parse(text) as Sealed;
  const key = scryptSync(pass, Buffer.from(s.salt, 'base64'), 32, { ...SCRYPT, N: s.N, r: s.r, p: s.p });
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(s.iv, 'base64'));
  decipher.setAAD(AAD);
  decipher.setAuthTag(Buffer.from(s.tag, 'base64'));
  try {
    const plain = Buffer.concat([decipher.update(Buffer.from(s.data, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as SecretBundle;
  } catch {
    throw new Error(
      'secrets.enc does not open with this BACKUP_PASSPHRASE (wrong passphrase or altered file)',
    );
  }
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export async function entryFor(root: string, path: string): Promise<FileEntry> {
  return { path: relative(root, path), sha256: await sha256File(path), bytes: statSync(path).size };
}

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? filesUnder(path) : e.isFile() ? [path] : [];
  });
}

/**
 * The Orthanc folders under DATA_DIR (./orthanc.ts writes credentials.json and
 * orthanc.json into each): however many PACS instances `npm start` runs, each is found.
 */
export function orthancFolders(dataDir: string, depth = 2): string[] {
  const found: string[] = [];
  const walk = (dir: string, left: number) => {
    if (existsSync(join(dir, 'credentials.json')) && existsSync(join(dir, 'orthanc.json'))) {
      found.push(relative(dataDir, dir));
      return;
    }
    if (left === 0) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory() && !['postgres', 'recordings'].includes(e.name)) walk(join(dir, e.name), left - 1);
    }
  };
  walk(dataDir, depth);
  return found.sort();
}

/** A folder that does not exist or holds nothing. */
export function isEmptyOrMissing(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/**
 * The frame both commands share: the folder argument (resolved), DATA_DIR and the passphrase; a
 * failure is one line on stderr and exit code 1, never a stack trace.
 */
export async function backupCommand(
  name: 'backup' | 'restore',
  usage: string,
  run: (folder: string, dataDir: string, pass: string) => Promise<void>,
): Promise<void> {
  const folder = process.argv[2];
  const dataDir = resolve(process.env.DATA_DIR ?? '.data');
  try {
    if (!folder) throw new Error(`usage: npm run ${name} -- ${usage}`);
    const pass = passphrase();
    await run(resolve(folder), dataDir, pass);
  } catch (err) {
    console.error(`${name} failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

/** Runs `use` on the system's `referral` database, starting its cluster for it when it is not running. */
export async function withSystemDatabase(dataDir: string, use: (ownerUrl: string) => void): Promise<void> {
  const cluster = startCluster(`${dataDir}/postgres`, Number(process.env.PG_PORT ?? 54329));
  try {
    const { ownerUrl } = await ensureDatabase(cluster, 'referral');
    use(ownerUrl);
  } finally {
    if (cluster.startedHere) cluster.stop();
  }
}
