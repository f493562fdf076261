// The sendonly side of a media session: one publisher connection per source (camera, screen),
// retried a few times when the media server refuses it.
import type { MediaSource } from '@tiered-care/common';
import type { MediaContext } from './mediaContext';
import { PUBLISH_ATTEMPTS, PUBLISH_RETRY_MS, cameraEncodings, screenEncodings } from './mediaConfig';
import { Peer } from './peer';
import { isFailure } from './roomSocket';

export class Publishers {
  private readonly pubs = new Map<MediaSource, Peer>();
  private readonly retries = new Map<MediaSource, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly ctx: MediaContext,
    /** The stream to publish for a source, read at each attempt (the camera may be replaced). */
    private readonly streamOf: (source: MediaSource) => MediaStream | null,
  ) {}

  has(source: MediaSource): boolean {
    return this.pubs.has(source);
  }

  get(source: MediaSource): Peer | undefined {
    return this.pubs.get(source);
  }

  run(source: MediaSource, attempt = 1): void {
    this.publish(source, attempt).catch((err: unknown) => this.ctx.mediaError(err));
  }

  close(source: MediaSource): void {
    const retry = this.retries.get(source);
    if (retry !== undefined) clearTimeout(retry);
    this.retries.delete(source);
    this.pubs.get(source)?.close();
    this.pubs.delete(source);
  }

  closeAll(): void {
    for (const source of [...this.pubs.keys()]) this.close(source);
  }

  private async publish(source: MediaSource, attempt: number): Promise<void> {
    this.close(source);
    const stream = this.streamOf(source);
    if (this.ctx.isStopped() || !stream || stream.getTracks().length === 0) return;
    const peer: Peer = new Peer({ publisher: source }, this.ctx.iceServers(), {
      sendCandidate: this.ctx.sendCandidate,
      onBroken: () => {
        if (this.pubs.get(source) === peer) this.run(source);
      },
      onStateChange: () => this.ctx.changed(),
    });
    this.pubs.set(source, peer);
    for (const track of stream.getTracks()) {
      const video = track.kind === 'video';
      // 'motion' lets a congested camera drop resolution before frame rate; a screen keeps its text sharp.
      if (video) track.contentHint = source === 'camera' ? 'motion' : 'detail';
      peer.pc.addTransceiver(track, {
        direction: 'sendonly',
        streams: [stream],
        ...(video ? { sendEncodings: source === 'camera' ? cameraEncodings() : screenEncodings() } : {}),
      });
    }
    await peer.pc.setLocalDescription(await peer.pc.createOffer());
    const sdp = peer.pc.localDescription?.sdp;
    if (peer.isClosed() || !sdp) return;
    const pending = this.ctx.send('media:publish', { source, offer: { type: 'offer', sdp } });
    peer.openTrickle();
    const reply = await pending;
    if (peer.isClosed()) return;
    if (isFailure(reply)) {
      this.close(source);
      this.ctx.changed();
      if (attempt < PUBLISH_ATTEMPTS && reply.error.code !== 'invalid_request') {
        this.retries.set(
          source,
          setTimeout(() => this.run(source, attempt + 1), PUBLISH_RETRY_MS * attempt),
        );
      } else {
        this.ctx.onNotice(reply.error.code, reply.error.message);
      }
      return;
    }
    await peer.pc.setRemoteDescription(reply.answer);
  }
}
