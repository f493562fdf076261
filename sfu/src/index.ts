// The SFU control layer signaling uses: start Janus under supervision, manage consult rooms, and
// re-create them when Janus restarts.
import { loadSfuConfig, type SfuConfig } from './config';
import { writeJanusConfig, type JanusSetup } from './janusConfig';
import { silentLogger, type SfuLogger } from './logger';
import { RoomManager } from './rooms';
import { JanusSupervisor, type HealthResult } from './supervisor';

export { loadSfuConfig, sfuEnvSchema, type SfuConfig } from './config';
export { writeJanusConfig, type JanusSetup, type JanusSecrets } from './janusConfig';
export { JanusSupervisor, probeJanus, type HealthResult, type SupervisorEvents } from './supervisor';
export { RoomManager, type RoomManagerEvents } from './rooms';
export { MediaRoom } from './mediaRoom';
export * from './types';
export { chooseLayer, DEFAULT_POLICY, type Layer, type LayerPolicy, type LayerStats } from './layers';
export { postProcess, type ProcessedRecording } from './recording';
export { iceServersFor, type IceServer } from './turn';
export type { SfuLogger } from './logger';
export type { IceCandidate, Jsep } from 'janode';

export interface Sfu {
  config: SfuConfig;
  setup: JanusSetup;
  supervisor: JanusSupervisor;
  rooms: RoomManager;
  /** For /healthz (referral-api's HealthCheck shape). */
  health: () => Promise<HealthResult>;
  stop: () => Promise<void>;
}

export interface StartSfuOptions {
  /** Data folder; Janus's config, secrets and pid file go to `<dataDir>/janus/`. */
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  logger?: SfuLogger;
}

/** Writes Janus's config, starts it, and wires restarts to RoomManager.rebuild(). */
export async function startSfu(options: StartSfuOptions): Promise<Sfu> {
  const log = options.logger ?? silentLogger;
  const config = loadSfuConfig(options.env);
  const setup = writeJanusConfig(options.dataDir, config, { env: options.env });
  const supervisor = new JanusSupervisor({ setup, logger: log });
  const rooms = new RoomManager({ setup, config, logger: log });
  supervisor.on('restarted', () => {
    rooms.rebuild().catch((error: unknown) => log.error({ err: error }, 'rebuilding rooms failed'));
  });
  await supervisor.start();
  return {
    config,
    setup,
    supervisor,
    rooms,
    health: () => supervisor.health(),
    stop: async () => {
      await rooms.shutdown().catch(() => undefined);
      await supervisor.stop();
    },
  };
}
