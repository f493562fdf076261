// The sfu with its Janus (and, for clinic tests, a clinic host behind a tbf-shaped link) as a
// node:test fixture (see ../fixture.ts). Runs inside the private namespace of netns-run.sh.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSfu, type Sfu, type SfuLogger } from '@tiered-care/sfu';
import { fixture, type Fixture } from '../fixture';
import { assertPrivateNetns, createClinicHost, PRIVATE_NET, type ClinicHost } from '../netns';

export interface SfuStack {
  /** A temporary folder of the test's own (the sfu's data, recordings), removed after. */
  dir: string;
  sfu: Sfu;
  clinic: ClinicHost | undefined;
}

export interface SfuStackOptions {
  /** Prefix of the temporary folder. */
  name: string;
  /** Janus's WebSocket port is picked at random from the thousand above this. */
  portBase: number;
  /** A clinic host behind a link shaped to this rate (tc tbf), whose interface Janus also uses. */
  clinicRate?: string;
  env?: Record<string, string>;
  logger?: SfuLogger;
}

export function useSfu(options: SfuStackOptions): Fixture<SfuStack> {
  return fixture(
    'the sfu',
    async () => {
      assertPrivateNetns();
      const dir = mkdtempSync(join(tmpdir(), options.name));
      const clinic = options.clinicRate
        ? createClinicHost({ dir, rate: options.clinicRate, index: 0 })
        : undefined;
      const interfaces = [PRIVATE_NET.janusInterface, ...(clinic ? [clinic.hostInterface] : [])];
      try {
        const sfu = await startSfu({
          dataDir: join(dir, 'data'),
          env: {
            SFU_ICE_INTERFACES: interfaces.join(','),
            JANUS_WS_PORT: String(options.portBase + Math.floor(Math.random() * 1000)),
            ...options.env,
          },
          logger: options.logger,
        });
        return { dir, sfu, clinic };
      } catch (error) {
        clinic?.remove();
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    },
    async ({ dir, sfu, clinic }) => {
      await sfu.stop();
      clinic?.remove();
      rmSync(dir, { recursive: true, force: true });
    },
    60_000,
  );
}
