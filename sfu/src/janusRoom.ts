// The VideoRoom room itself on Janus: created through a control handle with a random secret
// (needed to edit, record or destroy it) and pin (needed to join). Both stay in this process, so
// only our handles can join or change the room, even if someone reached Janus's API.
import { randomBytes } from 'node:crypto';
import type { VideoRoomHandle } from 'janode/plugins/videoroom';
import type { JanusSession } from './janusSession';
import type { SfuLogger } from './logger';
import { SfuError, type RoomSettings } from './types';

const random = () => randomBytes(18).toString('base64url');

export class JanusRoom {
  private constructor(
    readonly id: string,
    private readonly control: VideoRoomHandle,
    private readonly secret: string,
    readonly pin: string,
  ) {}

  static async create(
    link: JanusSession,
    id: string,
    settings: RoomSettings,
    log: SfuLogger,
  ): Promise<JanusRoom> {
    const secret = random();
    const pin = random();
    const control = await link.attach();
    try {
      // Raw request: janode's create() has no transport_wide_cc_ext.
      const reply = await control.message({
        request: 'create',
        room: id,
        admin_key: link.setup.secrets.adminKey,
        secret,
        pin,
        is_private: true,
        permanent: false,
        publishers: settings.maxPublishers,
        bitrate: settings.bitrate,
        bitrate_cap: true,
        fir_freq: settings.firFreq,
        audiocodec: 'opus',
        videocodec: 'vp8',
        transport_wide_cc_ext: true,
        notify_joining: false,
      });
      if (reply.plugindata?.data.videoroom !== 'created') throw new SfuError('janus', 'room not created');
    } catch (error) {
      await control.detach().catch(() => undefined);
      throw error;
    }
    log.info({ bitrate: settings.bitrate }, 'janus room created');
    return new JanusRoom(id, control, secret, pin);
  }

  /** Where Janus writes this room's recordings (must exist, outside Janus's protected folders). */
  async setRecordingDir(dir: string): Promise<void> {
    const reply = await this.control.message({
      request: 'edit',
      room: this.id,
      secret: this.secret,
      new_rec_dir: dir,
    });
    if (reply.plugindata?.data.videoroom !== 'edited') throw new SfuError('janus', 'could not set rec_dir');
  }

  /** Room-wide recording flag: on, publishers joining later record too; off closes every recorder. */
  async enableRecording(record: boolean): Promise<void> {
    await this.control.enable_recording({ room: this.id, secret: this.secret, record });
  }

  async destroy(): Promise<void> {
    await this.control.destroy({ room: this.id, secret: this.secret });
    await this.control.detach().catch(() => undefined);
  }
}
