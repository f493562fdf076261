// Upload limits: the role check before the body, a per-user count of running uploads, a byte limit.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request, type ClientRequest } from 'node:http';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { ctPhantom } from '../demo/ctPhantom';
import { startBridgeTestApp, type BridgeTestApp } from '@tiered-care/testkit/bridge';
import { freshDicomFile } from '@tiered-care/testkit/fixtures';

const LIMIT = 1024 * 1024;
const BUDGET = 6 * 1024 * 1024;
let t: BridgeTestApp;

before(async () => {
  t = await startBridgeTestApp({
    bridge: { uploadLimitBytes: LIMIT, uploadsPerUser: 2, uploadBytesPerHour: BUDGET },
  });
});
after(() => t.close());

interface Answer {
  status: number;
  code: string | undefined;
}

/** An upload whose body the test writes by hand (chunked unless a length is given). */
function openUpload(token: string, headers: Record<string, string>) {
  const url = new URL('/api/pacs/upload', t.baseUrl);
  const req: ClientRequest = request(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
  // Writes after the server hung up fail; the answer is what the test looks at.
  req.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => req.once('close', resolve));
  const answer = new Promise<Answer>((resolve, reject) => {
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        const body = text ? (JSON.parse(text) as { error?: { code?: string } }) : {};
        resolve({ status: res.statusCode ?? 0, code: body.error?.code });
      });
    });
  });
  req.flushHeaders();
  return { req, answer, closed };
}

const multipartHead = (boundary: string) => `--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`;
const related = (boundary: string) => `multipart/related; type="application/dicom"; boundary=${boundary}`;

async function claimsOf(study: string): Promise<number> {
  const owner = new pg.Client({ connectionString: t.db.ownerUrl });
  await owner.connect();
  try {
    const { rowCount } = await owner.query('SELECT 1 FROM pacs_uploads WHERE study_instance_uid = $1', [
      study,
    ]);
    return rowCount ?? 0;
  } finally {
    await owner.end();
  }
}

/** A test of doctor.c1's uploads, given a minute: several run side by side. */
function doctorUploadTest(name: string, body: (token: string) => Promise<void>): void {
  test(name, { timeout: 60_000 }, async () => body(await t.login('doctor.c1')));
}

test('a user without the upload role is refused before the body is read', { timeout: 20_000 }, async () => {
  const token = await t.login('admin.h1');
  const started = Date.now();
  // 500 MB announced, not one byte of it sent.
  const up = openUpload(token, { 'content-type': 'application/dicom', 'content-length': String(500e6) });
  const answer = await up.answer;
  assert.equal(answer.status, 403);
  assert.equal(answer.code, 'upload_not_allowed');
  assert.ok(Date.now() - started < 5000, 'answered without waiting for the body');
  // And the server hangs up rather than waiting for (or draining) the 500 MB.
  await up.closed;
});

/** One fresh file, sent whole. */
function uploadOne(token: string, patientId: string): Promise<Response> {
  return t.fetch('/api/pacs/upload', {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/dicom' },
    body: freshDicomFile(patientId).file,
  });
}

async function inArchive(study: string): Promise<boolean> {
  const res = await t.direct(`/studies?StudyInstanceUID=${study}`);
  return res.status === 200 && ((await res.json()) as unknown[]).length > 0;
}

/**
 * An upload under way: a first file sent whole, a second one half, the rest held back. Resolves
 * once the first file is in the archive (so the upload holds its slot).
 */
async function halfSent(token: string, patientId: string) {
  const boundary = `b-${randomUUID()}`;
  const files = [freshDicomFile(patientId), freshDicomFile(patientId)] as const;
  const up = openUpload(token, { 'content-type': related(boundary) });
  up.req.write(multipartHead(boundary));
  up.req.write(Buffer.concat([files[0].file, Buffer.from('\r\n')]));
  up.req.write(multipartHead(boundary));
  up.req.write(files[1].file.subarray(0, 60_000));
  const rest = Buffer.concat([files[1].file.subarray(60_000), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  while (!(await inArchive(files[0].study))) await new Promise((r) => setTimeout(r, 50));
  return { ...up, first: files[0].study, rest };
}

doctorUploadTest(
  'a third parallel upload by the same user is 429, and the two running ones finish',
  async (token) => {
    const running = await Promise.all([halfSent(token, 'C1-SLOTS-1'), halfSent(token, 'C1-SLOTS-2')]);
    const third = await uploadOne(token, 'C1-SLOTS-3');
    assert.equal(third.status, 429);
    const body = (await third.json()) as { error: { code: string } };
    assert.equal(body.error.code, 'upload_busy');
    assert.ok(third.headers.get('retry-after'));
    // Another user is not held up by doctor.c1's uploads.
    const other = await uploadOne(await t.login('coordinator.c1'), 'C1-SLOTS-4');
    assert.equal(other.status, 201);
    for (const up of running) up.req.end(up.rest);
    for (const up of running) assert.equal((await up.answer).status, 201);
    // Their slots are free again.
    const later = await uploadOne(token, 'C1-SLOTS-5');
    assert.equal(later.status, 201);
  },
);

doctorUploadTest(
  'an upload over the byte limit is 413 and nothing of it is claimed or kept',
  async (token) => {
    // Announced too large: refused before the body.
    const announced = openUpload(token, {
      'content-type': 'application/dicom',
      'content-length': String(LIMIT + 1),
    });
    assert.equal((await announced.answer).status, 413);
    await announced.closed;

    // Not announced (chunked): the first files are stored as they arrive, then the limit is hit.
    const series = ctPhantom({ name: `over ${randomUUID()}`, slices: 12, size: 256, patientId: 'C1-OVER-1' });
    const boundary = `b-${randomUUID()}`;
    const up = openUpload(token, { 'content-type': related(boundary) });
    for (let i = 0; i < series.slices && !up.req.destroyed; i++) {
      const ok = up.req.write(
        Buffer.concat([Buffer.from(multipartHead(boundary)), series.slice(i), Buffer.from('\r\n')]),
      );
      if (!ok) await Promise.race([new Promise((r) => up.req.once('drain', r)), up.answer]);
    }
    up.req.end(`--${boundary}--\r\n`);
    const answer = await up.answer;
    assert.equal(answer.status, 413);
    assert.equal(answer.code, 'payload_too_large');
    await up.closed;
    assert.equal(await claimsOf(series.studyInstanceUid), 0, 'nothing claimed');
    assert.equal(
      await inArchive(series.studyInstanceUid),
      false,
      'and the files stored before the limit was hit were taken back',
    );
  },
);

doctorUploadTest(
  'an uploader who hangs up midway leaves nothing stored or claimed, and its slot free',
  async (token) => {
    const ups = await Promise.all([halfSent(token, 'C1-GONE-1'), halfSent(token, 'C1-GONE-1')]);
    for (const up of ups) up.req.destroy();
    for (const up of ups) {
      while (await inArchive(up.first)) await new Promise((r) => setTimeout(r, 50));
      assert.equal(await claimsOf(up.first), 0);
    }
    // Two at once: only if both slots were given back.
    const again = await Promise.all([uploadOne(token, 'C1-GONE-2'), uploadOne(token, 'C1-GONE-3')]);
    assert.deepEqual(
      again.map((r) => r.status),
      [201, 201],
    );
  },
);

test(
  'a user past the hourly byte budget gets 429 upload_budget before sending more',
  { timeout: 60_000 },
  async () => {
    const token = await t.login('doctor.c2');
    let sent = 0;
    let refused: Response | null = null;
    while (!refused && sent < 2 * BUDGET) {
      const slice = ctPhantom({
        name: `budget ${randomUUID()}`,
        slices: 1,
        size: 512,
        patientId: 'C2-BUDGET',
      });
      const file = slice.slice(0);
      const res = await t.fetch('/api/pacs/upload', {
        method: 'POST',
        token,
        headers: { 'content-type': 'application/dicom' },
        body: file,
      });
      if (res.status === 429) refused = res;
      else assert.equal(res.status, 201);
      sent += file.length;
    }
    assert.ok(refused, 'refused within twice the budget');
    assert.ok(sent > BUDGET, `refused only past the budget (${sent} bytes sent)`);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'upload_budget');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
  },
);
