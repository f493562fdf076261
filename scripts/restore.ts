// `npm run restore -- <dir>`: a backup made by `npm run backup` into an empty DATA_DIR. Every
// file is checked against the checksums sealed with the passphrase before anything is written;
// each PACS instance is checked again as the restored Orthanc serves it back.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  backupCommand,
  FORMAT,
  freeLoopbackPort,
  instanceFile,
  isEmptyOrMissing,
  PG_BIN,
  sha256,
  sha256File,
  startOrthanc,
  storeInstance,
  unseal,
  withSystemDatabase,
  type Manifest,
} from '@tiered-care/testkit';

await backupCommand('restore', '<backup folder>', async (from, dataDir, pass) => {
  if (!isEmptyOrMissing(dataDir))
    throw new Error(`DATA_DIR ${dataDir} is not empty: restore only into an empty one`);
  const manifest = JSON.parse(readFileSync(join(from, 'manifest.json'), 'utf8')) as Manifest;
  if (manifest.format !== FORMAT) throw new Error(`not a backup of this format: ${manifest.format}`);
  const bundle = unseal(readFileSync(join(from, 'secrets.enc'), 'utf8'), pass);
  if (JSON.stringify(bundle.checksums) !== JSON.stringify(manifest.files)) {
    throw new Error('manifest.json differs from the checksums sealed in secrets.enc');
  }
  for (const f of manifest.files) {
    if ((await sha256File(join(from, f.path))) !== f.sha256) throw new Error(`${f.path}: checksum mismatch`);
  }

  // The cluster's owner (postgres) must reach its folder inside DATA_DIR.
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  for (const [path, content] of Object.entries(bundle.files)) {
    mkdirSync(dirname(join(dataDir, path)), { recursive: true });
    writeFileSync(join(dataDir, path), Buffer.from(content, 'base64'), { mode: 0o600 });
  }

  await withSystemDatabase(dataDir, (ownerUrl) =>
    execFileSync(`${PG_BIN}/pg_restore`, ['--exit-on-error', '-d', ownerUrl, join(from, 'database.dump')], {
      stdio: 'inherit',
    }),
  );

  for (const pacs of manifest.pacs) {
    // Any free port: `npm start` writes the configuration again with its own.
    const orthanc = await startOrthanc(join(dataDir, pacs.folder), { port: await freeLoopbackPort() });
    try {
      for (const i of pacs.instances) {
        const id = await storeInstance(orthanc, readFileSync(join(from, i.file)));
        if (sha256(await instanceFile(orthanc, id)) !== i.sha256) {
          throw new Error(`PACS ${pacs.folder}: instance ${i.sopInstanceUid} stored differently`);
        }
      }
      console.log(`PACS ${pacs.folder}: ${pacs.instances.length} instances`);
    } finally {
      await orthanc.stop();
    }
  }

  for (const f of manifest.files.filter((e) => e.path.startsWith('recordings/'))) {
    mkdirSync(dirname(join(dataDir, f.path)), { recursive: true });
    copyFileSync(join(from, f.path), join(dataDir, f.path));
  }
  console.log(`restored ${from} into ${dataDir}; start it with DATA_DIR=${dataDir} npm start`);
});
