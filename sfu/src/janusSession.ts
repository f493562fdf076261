// One janode connection + session to one running Janus. Handles (rooms, publishers, subscribers)
// all hang off this session; when Janus dies the whole session is lost at once and a new one is
// made against the restarted process (janode connections are single-use).
import { EventEmitter } from 'node:events';
import type { Connection, Session } from 'janode';
import VideoRoomPlugin, { type VideoRoomHandle } from 'janode/plugins/videoroom';
import type { JanusSetup } from './janusConfig';
import type { SfuLogger } from './logger';
import { JANODE_EVENT, loadJanode } from './janodeClient';

export class JanusSession extends EventEmitter<{ lost: [Error] }> {
  private constructor(
    private readonly connection: Connection,
    private readonly session: Session,
    readonly setup: JanusSetup,
  ) {
    super();
  }

  private closed = false;

  static async open(setup: JanusSetup, log: SfuLogger): Promise<JanusSession> {
    const janode = await loadJanode();
    const connection = await janode.connect({
      address: { url: setup.wsUrl, apisecret: setup.secrets.apiSecret },
      max_retries: 0,
    });
    let session: Session;
    try {
      session = await connection.create();
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
    const link = new JanusSession(connection, session, setup);
    const lose = (why: string) => {
      if (link.closed) return;
      link.closed = true;
      log.warn({ why }, 'lost the janus session');
      link.emit('lost', new Error(why));
    };
    connection.once(JANODE_EVENT.CONNECTION_ERROR, () => lose('connection to janus broke'));
    session.once(JANODE_EVENT.SESSION_DESTROYED, () => lose('janus session destroyed'));
    return link;
  }

  get alive(): boolean {
    return !this.closed;
  }

  async attach(): Promise<VideoRoomHandle> {
    if (this.closed) throw new Error('janus link is closed');
    return this.session.attach(VideoRoomPlugin);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.session.destroy().catch(() => undefined);
    await this.connection.close().catch(() => undefined);
  }
}
