// The kit's light entry: the local PostgreSQL, Orthanc and network-namespace runners, the secrets,
// server and web-client helpers `npm start` uses, the backup format, and polling helpers. Nothing
// here loads an app part or a browser driver; those come from the subpaths:
//   @tiered-care/testkit/harness   the real app on a throwaway database, and API steps
//   @tiered-care/testkit/bridge    the app with the PACS bridge and two real Orthancs
//   @tiered-care/testkit/browser   Chromium through playwright-core, the web client's pages
//   @tiered-care/testkit/media     peer-connection pages and test-side signaling for the SFU
//   @tiered-care/testkit/fixtures  generated DICOM files and Janus recordings
//   @tiered-care/testkit/structure checks of the repository's structure (import cycles)
export {
  backupCommand,
  entryFor,
  filesUnder,
  FORMAT,
  isEmptyOrMissing,
  orthancFolders,
  passphrase,
  seal,
  sha256,
  sha256File,
  unseal,
  withSystemDatabase,
  type FileEntry,
  type Manifest,
  type PacsInstance,
  type SecretBundle,
} from './backupFormat';
export { createAppServer } from './httpServer';
export {
  assertPrivateNetns,
  createClinicHost,
  inPrivateNetns,
  interfaces,
  namedNamespaces,
  PRIVATE_NET,
  type ClinicHost,
  type ClinicOptions,
} from './netns';
export {
  freeLoopbackPort,
  JPEG_LS_LOSSLESS,
  startOrthanc,
  type Orthanc,
  type OrthancOptions,
} from './orthanc';
export { instanceFile, storedInstances, storeInstance } from './orthancArchive';
export { ensureDatabase, PG_BIN, startCluster, type Cluster } from './postgres';
export {
  applySecrets,
  loadOrCreateSecrets,
  newDataKey,
  randomSecrets,
  writeSecrets,
  type Secrets,
} from './secrets';
export { sleep, waitFor } from './wait';
export { ensureWebBuild, serveWebClient, WEB_DIST } from './webClient';
