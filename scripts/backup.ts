// `npm run backup -- <dir>`: a backup of the `npm start` system under DATA_DIR, running or
// stopped, into a new folder (layout: testkit/src/backupFormat.ts). Order matters for
// consistency: the database first (pg_dump reads one snapshot), then the PACS, so every study
// the dump refers to is in the backup (an upload meanwhile adds an instance no row names yet,
// which is harmless); then recordings and the secrets.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  backupCommand,
  entryFor,
  filesUnder,
  FORMAT,
  instanceFile,
  isEmptyOrMissing,
  orthancFolders,
  PG_BIN,
  seal,
  sha256,
  startOrthanc,
  storedInstances,
  withSystemDatabase,
  type Manifest,
} from '@tiered-care/testkit';

await backupCommand('backup', '<folder>', async (out, dataDir, pass) => {
  if (!isEmptyOrMissing(out)) throw new Error(`${out} is not empty`);
  if (!existsSync(`${dataDir}/secrets.json`)) throw new Error(`${dataDir} holds no tiered-care system`);
  mkdirSync(out, { recursive: true, mode: 0o700 });
  const manifest: Manifest = { format: FORMAT, createdAt: new Date().toISOString(), files: [], pacs: [] };

  await withSystemDatabase(dataDir, (ownerUrl) =>
    execFileSync(`${PG_BIN}/pg_dump`, ['-Fc', '-f', join(out, 'database.dump'), '-d', ownerUrl], {
      stdio: 'inherit',
    }),
  );
  manifest.files.push(await entryFor(out, join(out, 'database.dump')));

  const secretFiles: Record<string, string> = {
    'secrets.json': readFileSync(`${dataDir}/secrets.json`).toString('base64'),
  };
  for (const folder of orthancFolders(dataDir)) {
    const dir = join(dataDir, folder);
    secretFiles[join(folder, 'credentials.json')] = readFileSync(join(dir, 'credentials.json')).toString(
      'base64',
    );
    const { HttpPort } = JSON.parse(readFileSync(join(dir, 'orthanc.json'), 'utf8')) as { HttpPort: number };
    const pid = existsSync(join(dir, 'orthanc.pid'))
      ? Number(readFileSync(join(dir, 'orthanc.pid'), 'utf8'))
      : 0;
    const wasRunning = pid > 0 && existsSync(`/proc/${pid}`);
    const orthanc = await startOrthanc(dir, { port: HttpPort });
    try {
      const instances: Manifest['pacs'][number]['instances'] = [];
      mkdirSync(join(out, 'pacs', folder), { recursive: true });
      for await (const i of storedInstances(orthanc)) {
        const bytes = await instanceFile(orthanc, i.id);
        const file = join('pacs', folder, `${i.sopInstanceUid}.dcm`);
        writeFileSync(join(out, file), bytes);
        instances.push({ sopInstanceUid: i.sopInstanceUid, file, sha256: sha256(bytes) });
        manifest.files.push(await entryFor(out, join(out, file)));
      }
      manifest.pacs.push({ folder, instances });
      console.log(`PACS ${folder}: ${instances.length} instances`);
    } finally {
      if (!wasRunning) await orthanc.stop();
    }
  }

  for (const file of filesUnder(`${dataDir}/recordings`)) {
    const copy = join(out, 'recordings', file.slice(`${dataDir}/recordings/`.length));
    mkdirSync(dirname(copy), { recursive: true });
    copyFileSync(file, copy);
    manifest.files.push(await entryFor(out, copy));
  }

  writeFileSync(join(out, 'secrets.enc'), seal({ files: secretFiles, checksums: manifest.files }, pass), {
    mode: 0o600,
  });
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
  console.log(`backup of ${dataDir} written to ${out}: ${manifest.files.length} files`);
});
