// The bridge test app as a node:test fixture (see ../fixture.ts): started in `before`, closed
// after the file's tests, with the imaging steps bound to it.
import { fixture, liveFields } from '../fixture';
import { userIdsByName } from '../harness/consultations';
import { startBridgeTestApp, type BridgeTestApp, type BridgeTestOptions } from './app';
import * as steps from './steps';

export interface BridgeTestHandle extends BridgeTestApp {
  createReferral: (
    username: string,
    patientId: string,
    toInstitutionId: string,
    draft?: boolean,
  ) => Promise<string>;
  institutionIds: () => Promise<Record<string, string>>;
  patientIdOf: (username: string, name: string) => Promise<string>;
  storeInOwnPacs: (patientId: string) => Promise<{ study: string }>;
  storeInRegion: (files: Buffer[]) => Promise<void>;
  shareToDemoReferral: (study: string) => Promise<void>;
  upload: (username: string, body: Buffer, contentType?: string) => Promise<Response>;
  uploadFresh: (username: string, patientId?: string) => Promise<string>;
  userIdsByName: () => Promise<Record<string, string>>;
  /** The started app (for a file's own `before`). */
  ready: () => Promise<BridgeTestApp>;
}

/** The started app's fields the handle reads through. */
const LIVE = ['baseUrl', 'db', 'services', 'orthanc', 'ownPacs', 'demo', 'server'] as const;

/** Two Orthancs and the app with the bridge take a while to start: `timeout` defaults to 3 min. */
export function useBridgeTestApp(options: BridgeTestOptions & { timeout?: number } = {}): BridgeTestHandle {
  const { get: app, ready } = fixture(
    'the bridge test app',
    () => startBridgeTestApp(options),
    (started) => started.close(),
    options.timeout ?? 180_000,
  );
  const methods: Omit<BridgeTestHandle, (typeof LIVE)[number]> = {
    login: async (username) => (await ready()).login(username),
    fetch: async (path, init) => (await ready()).fetch(path, init),
    direct: async (path, init) => (await ready()).direct(path, init),
    directOwn: async (path, init) => (await ready()).directOwn(path, init),
    close: async () => (await ready()).close(),
    ready,
    createReferral: async (username, patientId, to, draft) =>
      steps.createReferral(await ready(), username, patientId, to, draft),
    institutionIds: async () => steps.institutionIds(await ready()),
    patientIdOf: async (username, name) => steps.patientIdOf(await ready(), username, name),
    storeInOwnPacs: async (patientId) => steps.storeInOwnPacs(await ready(), patientId),
    storeInRegion: async (files) => steps.storeInRegion(await ready(), files),
    shareToDemoReferral: async (study) => steps.shareToDemoReferral(await ready(), study),
    upload: async (username, body, contentType) => steps.upload(await ready(), username, body, contentType),
    uploadFresh: async (username, patientId) => steps.uploadFresh(await ready(), username, patientId),
    userIdsByName: async () => userIdsByName(await ready()),
  };
  return Object.assign(liveFields(app, LIVE), methods);
}
