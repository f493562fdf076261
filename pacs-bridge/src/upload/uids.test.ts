// The UIDs an upload is recorded under are the ones the archive stored. A file can carry an
// attribute twice: this bridge's reader takes the last, the archive (DCMTK) the first, so a file
// can declare a fresh study while landing in another clinic's.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { uidFromName } from '../demo/ctPhantom';
import { startBridgeTestApp, type BridgeTestApp } from '@tiered-care/testkit/bridge';
import { freshDicomFile } from '@tiered-care/testkit/fixtures';

let t: BridgeTestApp;
before(async () => {
  t = await startBridgeTestApp({ phantom: { slices: 2, size: 256 } });
});
after(() => t.close());

const TAGS = { study: [0x0020, 0x000d], series: [0x0020, 0x000e], sop: [0x0008, 0x0018] } as const;

/** An explicit-VR UI element. */
function uiElement([group, element]: readonly [number, number], uid: string): Buffer {
  const value = Buffer.from(uid.length % 2 ? `${uid}\0` : uid, 'latin1');
  const head = Buffer.alloc(8);
  head.writeUInt16LE(group, 0);
  head.writeUInt16LE(element, 2);
  head.write('UI', 4, 'latin1');
  head.writeUInt16LE(value.length, 6);
  return Buffer.concat([head, value]);
}

/**
 * The file with a second element of `tag` holding `uid`, placed right before (`first`) or right
 * after the one it has.
 */
function withDuplicate(file: Buffer, tag: readonly [number, number], uid: string, first: boolean): Buffer {
  const marker = uiElement(tag, '').subarray(0, 6);
  const at = file.indexOf(marker, 132 + 12);
  if (at < 0) throw new Error('element not found');
  const length = file.readUInt16LE(at + 6);
  const cut = first ? at : at + 8 + length;
  return Buffer.concat([file.subarray(0, cut), uiElement(tag, uid), file.subarray(cut)]);
}

async function upload(username: string, file: Buffer) {
  const res = await t.fetch('/api/pacs/upload', {
    method: 'POST',
    token: await t.login(username),
    headers: { 'content-type': 'application/dicom' },
    body: file,
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
}

async function instancesOf(study: string): Promise<string[]> {
  const res = await t.direct(`/studies/${study}/instances`);
  if (res.status !== 200) return [];
  const list = (await res.json()) as Record<string, { Value?: string[] }>[];
  return list.map((i) => i['00080018']?.Value?.[0] ?? '').sort();
}

async function claimed(study: string): Promise<string[]> {
  const owner = new pg.Client({ connectionString: t.db.ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query<{ code: string }>(
      `SELECT i.code FROM pacs_uploads u JOIN institutions i ON i.id = u.institution_id
       WHERE u.study_instance_uid = $1`,
      [study],
    );
    return rows.map((r) => r.code);
  } finally {
    await owner.end();
  }
}

test('a crafted StudyInstanceUID of another clinic’s study is refused and nothing of it stays', async () => {
  const victim = freshDicomFile('C1-VICTIM-1');
  assert.equal((await upload('doctor.c1', victim.file)).status, 201);
  const before = await instancesOf(victim.study);

  // Openly: the study the file declares (the bridge reads the last of two) is C1's.
  const plain = freshDicomFile('C2-ATTACK-1');
  const plainFile = withDuplicate(plain.file, TAGS.study, victim.study, false);
  const refused = await upload('doctor.c2', plainFile);
  assert.equal(refused.status, 409);
  assert.equal(refused.body.error?.code, 'study_exists');

  // Disguised: the bridge reads a fresh study, the archive reads C1's (the first of two).
  const crafted = freshDicomFile('C2-ATTACK-2');
  const disguised = withDuplicate(crafted.file, TAGS.study, victim.study, true);
  const res = await upload('doctor.c2', disguised);
  assert.equal(res.status, 409);
  assert.equal(res.body.error?.code, 'uids_mismatch');
  assert.deepEqual(await instancesOf(victim.study), before, 'the grafted instance was taken out again');
  assert.deepEqual(await claimed(crafted.study), [], 'the study it declared is not claimed');
  assert.deepEqual(await claimed(victim.study), ['C1']);
  const open = await t.fetch(`/dicom-web/studies/${victim.study}/metadata`, {
    token: await t.login('doctor.c2'),
  });
  assert.equal(open.status, 404, 'and C2 cannot read C1’s study');
});

test('a disguised copy of an instance the archive already holds is refused without deleting it', async () => {
  const victim = freshDicomFile('C1-VICTIM-2');
  assert.equal((await upload('doctor.c1', victim.file)).status, 201);
  // C1's very file, with fresh UIDs after each real one: the bridge reads the fresh ones, the
  // archive finds C1's instance already stored.
  let file = victim.file;
  for (const [name, tag] of Object.entries(TAGS)) {
    file = withDuplicate(file, tag, uidFromName(`disguise/${name}/${victim.sop}`), false);
  }
  const res = await upload('doctor.c2', file);
  assert.equal(res.status, 409);
  assert.equal(res.body.error?.code, 'uids_mismatch');
  assert.deepEqual(await instancesOf(victim.study), [victim.sop], 'C1’s instance is still there');
  assert.deepEqual(await claimed(victim.study), ['C1']);
});
