// Uploads stream to the PACS: four parallel 500 MB uploads keep the app under 300 MB of resident
// memory. The app runs as a child process (the testkit's BRIDGE_PROCESS), so the figure is its
// own; the uploads are generated here as they are sent (large CT-like instances with fresh UIDs,
// pixel data written from one reused buffer), so this process holds none of them either.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import dcmjs from 'dcmjs';
import { CT_IMAGE_STORAGE, ctFileMeta, uidFromName } from '@tiered-care/pacs-bridge';
import { BRIDGE_PROCESS } from '@tiered-care/testkit/bridge';

const UPLOADS = 4;
const UPLOAD_BYTES = 500e6;
/** 2048 × 2048 × 16 bit: 8 MiB of pixel data per instance, about 60 instances per upload. */
const SIZE = 2048;
const PIXEL_BYTES = SIZE * SIZE * 2;
const INSTANCES = Math.ceil(UPLOAD_BYTES / PIXEL_BYTES);
const RSS_LIMIT_MB = 300;
const USERS = ['doctor.c1', 'coordinator.c1', 'doctor.c2', 'specialist.h1'];

let app: ChildProcess;
let baseUrl = '';

before(async () => {
  app = spawn(process.execPath, ['--import', 'tsx', BRIDGE_PROCESS], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, TEST_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn' },
  });
  const lines = createInterface({ input: app.stdout ?? process.stdin });
  for await (const line of lines) {
    if (line.startsWith('{"baseUrl"')) {
      baseUrl = (JSON.parse(line) as { baseUrl: string }).baseUrl;
      break;
    }
  }
  if (!baseUrl) throw new Error('the app did not start');
});

after(async () => {
  if (app.exitCode !== null) return;
  const exited = new Promise((r) => app.once('exit', r));
  app.kill('SIGTERM');
  await exited;
});

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
}

async function login(username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Demo@2026' }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** The Part 10 bytes up to and including the Pixel Data element's header. */
function instanceHead(name: string, i: number): Buffer {
  const sop = uidFromName(`${name}/instance/${i}`);
  const dataset = {
    _meta: ctFileMeta(sop),
    SOPClassUID: CT_IMAGE_STORAGE,
    SOPInstanceUID: sop,
    StudyInstanceUID: uidFromName(`${name}/study`),
    SeriesInstanceUID: uidFromName(`${name}/series`),
    Modality: 'CT',
    PatientID: 'MEMORY-1',
    PatientName: 'MEMORY^TEST',
    InstanceNumber: String(i + 1),
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: SIZE,
    Columns: SIZE,
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 0,
  };
  const head = Buffer.from(dcmjs.data.datasetToDict(dataset).write());
  const pixelHeader = Buffer.alloc(12);
  pixelHeader.writeUInt16LE(0x7fe0, 0);
  pixelHeader.writeUInt16LE(0x0010, 2);
  pixelHeader.write('OW', 4, 'latin1');
  pixelHeader.writeUInt32LE(PIXEL_BYTES, 8);
  return Buffer.concat([head, pixelHeader]);
}

/** One upload of INSTANCES large instances, written with backpressure; resolves to the status and body. */
function upload(token: string, name: string): Promise<{ status: number; body: string }> {
  const boundary = `b-${randomUUID()}`;
  const pixels = Buffer.alloc(1024 * 1024, 0x21);
  return new Promise((done, fail) => {
    const req = request(`${baseUrl}/api/pacs/upload`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
      },
    });
    req.on('error', fail);
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    const write = (chunk: Buffer | string) =>
      req.write(chunk) ? Promise.resolve() : new Promise<void>((r) => req.once('drain', r));
    void (async () => {
      for (let i = 0; i < INSTANCES; i++) {
        await write(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`);
        await write(instanceHead(name, i));
        for (let sent = 0; sent < PIXEL_BYTES; sent += pixels.length) await write(pixels);
        await write('\r\n');
      }
      req.end(`--${boundary}--\r\n`);
    })().catch(fail);
  });
}

test(
  `${UPLOADS} parallel ${UPLOAD_BYTES / 1e6} MB uploads keep the app under ${RSS_LIMIT_MB} MB RSS`,
  { timeout: 600_000 },
  async () => {
    const pid = app.pid ?? 0;
    const tokens = await Promise.all(USERS.slice(0, UPLOADS).map(login));
    // Starting (a database cluster prepared, demo data hashed and loaded) peaks higher than
    // serving; the kernel's high-water mark is reset so it measures the uploads alone.
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    const idle = statusMb(pid, 'VmRSS');
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, statusMb(pid, 'VmRSS'))), 100);
    const started = Date.now();
    try {
      const results = await Promise.all(
        tokens.map((token, i) => upload(token, `memory ${randomUUID()} ${i}`)),
      );
      for (const r of results) {
        assert.equal(r.status, 201, r.body);
        assert.equal((JSON.parse(r.body) as { stored: number }).stored, INSTANCES);
      }
    } finally {
      clearInterval(sampler);
    }
    const seconds = (Date.now() - started) / 1000;
    const total = (UPLOADS * INSTANCES * PIXEL_BYTES) / 1e6;
    const highWater = statusMb(pid, 'VmHWM');
    // Printed for the README's figures.
    console.log(
      `uploadMemory: ${UPLOADS} × ${INSTANCES} instances, ${total.toFixed(0)} MB in ${seconds.toFixed(1)} s; ` +
        `app RSS idle ${idle.toFixed(0)} MB, peak sampled ${peak.toFixed(0)} MB, high-water ${highWater.toFixed(0)} MB`,
    );
    assert.ok(peak < RSS_LIMIT_MB, `peak RSS ${peak.toFixed(0)} MB`);
    assert.ok(highWater < RSS_LIMIT_MB, `RSS high-water mark ${highWater.toFixed(0)} MB`);
  },
);
