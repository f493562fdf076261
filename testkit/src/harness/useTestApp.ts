// The test app as a node:test fixture: one call at a file's top level starts the app before the
// tests and closes it after them; the handle's methods act on that app, so a test file imports
// `useTestApp` (and `referralBody`) instead of the harness's separate steps.
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { fixture, liveFields, teardown } from '../fixture';
import {
  createConsultation,
  scheduledConsultation,
  userIdsByName,
  type CreatedConsultation,
} from './consultations';
import { act, createReferral, directory, mustAct, patientId, type Directory } from './referrals';
import { startTestApp, type TestApp, type TestAppOptions } from './testApp';

export interface TestAppHandle extends TestApp {
  /** Institution ids by code and department ids by "H1/CARD", read when the app started. */
  readonly dir: Directory;
  createReferral: (username: string, body: Record<string, unknown>) => Promise<any>;
  act: (
    username: string,
    id: string,
    action: string,
    body: Record<string, unknown>,
  ) => Promise<{ status: number; body: any; headers: Headers }>;
  mustAct: (username: string, id: string, action: string, body: Record<string, unknown>) => Promise<any>;
  patientId: (username: string, name: string) => Promise<string>;
  userIdsByName: () => Promise<Record<string, string>>;
  createConsultation: (username: string, body: Record<string, unknown>) => Promise<CreatedConsultation>;
  scheduledConsultation: (host: string, invitedUserIds: string[], title?: string) => Promise<string>;
  /**
   * A client connected to the test database as its owner or as the cluster's superuser (tests
   * that read behind row-level security or terminate backends); one each, closed before the app.
   */
  client: (role: 'owner' | 'admin') => Promise<pg.Client>;
  /**
   * A signaling socket signed in as `username`, connected (listeners that `setUp` adds hear
   * everything from the start), disconnected after the file's tests.
   */
  socket: (username: string, setUp?: (socket: Socket) => void) => Promise<Socket>;
  /** The started app (for a file's own `before`; see ../fixture.ts). */
  ready: () => Promise<TestApp>;
}

/** The started app's fields the handle reads through. */
const LIVE = ['db', 'services', 'baseUrl', 'server', 'signaling'] as const;

/** Starts the app in `before` and closes it after the file's tests (see ../fixture.ts). */
export function useTestApp(options: TestAppOptions & { timeout?: number } = {}): TestAppHandle {
  const dir: Directory = { inst: {}, dept: {} };
  const { get: app, ready } = fixture(
    'the test app',
    async () => {
      const started = await startTestApp(options);
      Object.assign(dir, await directory(started));
      return started;
    },
    (started) => started.close(),
    options.timeout,
  );
  const clients = new Map<string, Promise<pg.Client>>();
  const client = (role: 'owner' | 'admin') => {
    let opened = clients.get(role);
    if (!opened) {
      opened = ready().then(async (started) => {
        const c = new pg.Client({
          connectionString: role === 'owner' ? started.db.ownerUrl : started.db.adminUrl,
        });
        await c.connect();
        teardown(() => c.end());
        return c;
      });
      clients.set(role, opened);
    }
    return opened;
  };
  const socket = async (username: string, setUp?: (socket: Socket) => void) => {
    const started = await ready();
    const s = io(started.baseUrl, {
      auth: { token: await started.login(username) },
      transports: ['websocket'],
    });
    teardown(() => s.disconnect());
    setUp?.(s);
    await new Promise<void>((resolve, reject) => {
      s.once('connect', resolve);
      s.once('connect_error', reject);
    });
    return s;
  };
  const methods: Omit<TestAppHandle, (typeof LIVE)[number]> = {
    dir,
    login: async (username) => (await ready()).login(username),
    call: async (method, path, opts) => (await ready()).call(method, path, opts),
    close: async () => (await ready()).close(),
    ready,
    client,
    socket,
    createReferral: async (username, body) => createReferral(await ready(), username, body),
    act: async (username, id, action, body) => act(await ready(), username, id, action, body),
    mustAct: async (username, id, action, body) => mustAct(await ready(), username, id, action, body),
    patientId: async (username, name) => patientId(await ready(), username, name),
    userIdsByName: async () => userIdsByName(await ready()),
    createConsultation: async (username, body) => createConsultation(await ready(), username, body),
    scheduledConsultation: async (host, invited, title) =>
      scheduledConsultation(await ready(), host, invited, title),
  };
  return Object.assign(liveFields(app, LIVE), methods);
}
