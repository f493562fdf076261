// The live consult rooms of one Janus. Creation is serialized per consultation (two peers arriving
// together share one creation instead of making two rooms), and after a Janus restart rebuild()
// re-creates every room on the new process and says who must renegotiate.
import { EventEmitter } from 'node:events';
import { createOnce } from '@tiered-care/common/createOnce';
import type { SfuConfig } from './config';
import { MediaRoom } from './mediaRoom';
import type { JanusSetup } from './janusConfig';
import { JanusSession } from './janusSession';
import { silentLogger, type SfuLogger } from './logger';
import type { RoomSettings } from './types';

export interface RoomManagerEvents {
  /** The room exists again on a restarted Janus; these participants must publish/subscribe anew. */
  rebuilt: [{ consultId: string; participantIds: string[] }];
  /** A room could not be re-created; signaling should end the consultation's media. */
  'rebuild-failed': [{ consultId: string; error: Error }];
}

export interface RoomManagerOptions {
  setup: JanusSetup;
  config: Pick<SfuConfig, 'roomBitrate' | 'maxPublishers'>;
  logger?: SfuLogger;
}

export class RoomManager extends EventEmitter<RoomManagerEvents> {
  private readonly rooms = new Map<string, MediaRoom>();
  private readonly creating = new Map<string, Promise<MediaRoom>>();
  private link: Promise<JanusSession> | undefined;
  private rebuilding: Promise<void> | undefined;
  private readonly log: SfuLogger;
  private readonly settings: RoomSettings;

  constructor(private readonly options: RoomManagerOptions) {
    super();
    this.log = (options.logger ?? silentLogger).child({ module: 'sfu-rooms' });
    this.settings = {
      bitrate: options.config.roomBitrate,
      maxPublishers: options.config.maxPublishers,
      firFreq: 10,
      publisherWaitMs: 15_000,
    };
  }

  /** The live room of a consultation, if any. */
  get(consultId: string): MediaRoom | undefined {
    return this.rooms.get(consultId);
  }

  get liveRooms(): string[] {
    return [...this.rooms.keys()];
  }

  /** The consultation's room, created on first use; concurrent callers get the same room. */
  async open(consultId: string): Promise<MediaRoom> {
    await this.rebuilding;
    const live = this.rooms.get(consultId);
    if (live) return live;
    return createOnce(this.creating, this.rooms, consultId, async () =>
      MediaRoom.create(await this.connect(), consultId, this.settings, this.log),
    );
  }

  /** Ends the consultation's media: every handle detached, the Janus room destroyed. */
  async close(consultId: string): Promise<void> {
    const room = this.rooms.get(consultId) ?? (await this.creating.get(consultId)?.catch(() => undefined));
    if (!room) return;
    this.rooms.delete(consultId);
    await room.destroy();
  }

  async startRecording(consultId: string, dir: string): Promise<void> {
    await this.mustGet(consultId).startRecording(dir);
  }

  async stopRecording(consultId: string): Promise<string[]> {
    return this.mustGet(consultId).stopRecording();
  }

  /**
   * Re-creates every live room on the (restarted) Janus. Call it on the supervisor's 'restarted'
   * event; listen for 'rebuilt' to tell each listed participant to renegotiate.
   */
  async rebuild(): Promise<void> {
    if (this.rebuilding) return this.rebuilding;
    this.rebuilding = this.doRebuild().finally(() => (this.rebuilding = undefined));
    return this.rebuilding;
  }

  private async doRebuild(): Promise<void> {
    await Promise.allSettled(this.creating.values());
    const old = this.link;
    this.link = undefined;
    await old?.then((l) => l.close()).catch(() => undefined);
    const link = await this.connect();
    for (const [consultId, room] of this.rooms) {
      try {
        const participantIds = await room.recreate(link);
        this.log.info({ consultId, participants: participantIds.length }, 'room rebuilt');
        this.emit('rebuilt', { consultId, participantIds });
      } catch (error) {
        this.log.error({ consultId, err: error }, 'room rebuild failed');
        this.rooms.delete(consultId);
        this.emit('rebuild-failed', { consultId, error: error as Error });
      }
    }
  }

  /** Destroys every room and closes the connection to Janus. */
  async shutdown(): Promise<void> {
    for (const consultId of [...this.rooms.keys()]) await this.close(consultId);
    const link = this.link;
    this.link = undefined;
    await link?.then((l) => l.close()).catch(() => undefined);
  }

  private mustGet(consultId: string): MediaRoom {
    const room = this.rooms.get(consultId);
    if (!room) throw new Error(`no live room for consultation ${consultId}`);
    return room;
  }

  /** The shared link, opened on first use and again after it was lost. */
  private async connect(): Promise<JanusSession> {
    const current = this.link;
    if (current) {
      const link = await current.catch(() => undefined);
      if (link?.alive) return link;
      if (this.link !== current) return this.connect();
    }
    const opening = JanusSession.open(this.options.setup, this.log);
    this.link = opening;
    opening.catch(() => {
      if (this.link === opening) this.link = undefined;
    });
    return opening;
  }
}
