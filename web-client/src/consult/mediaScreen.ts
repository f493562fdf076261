// Screen sharing: the browser's picker (and what to make of the user cancelling it) and the
// shared screen's life in a media session.
import type { MediaContext } from './mediaContext';
import type { Publishers } from './mediaPublish';

/** Asks the user for a screen or window; null when they cancel or the browser refuses. */
export async function pickScreen(
  onNotice: (code: string, message: string) => void,
): Promise<MediaStream | null> {
  try {
    return await navigator.mediaDevices.getDisplayMedia({
      video: { frameRate: { max: 15 } },
      audio: false,
    });
  } catch (err) {
    // Cancelling the browser's picker is a choice, not an error.
    if (err instanceof DOMException && err.name === 'NotAllowedError') return null;
    onNotice('screen_failed', err instanceof Error ? err.message : String(err));
    return null;
  }
}

export function stopTracks(stream: MediaStream | null): void {
  for (const t of stream?.getTracks() ?? []) t.stop();
}

/**
 * The screen this participant shares: picked, published as a second feed, and stopped by us or by
 * the browser's own bar. The stream belongs to the share; `live` says the session may take one.
 */
export class ScreenShare {
  private stream: MediaStream | null = null;

  constructor(
    private readonly ctx: MediaContext,
    private readonly pubs: Publishers,
    private readonly live: () => boolean,
  ) {}

  get current(): MediaStream | null {
    return this.stream;
  }

  /** Asks the user for a screen or window and publishes it as a second feed. */
  async start(): Promise<void> {
    if (!this.canTake()) return;
    const stream = await pickScreen(this.ctx.onNotice);
    if (!stream) return;
    if (!this.canTake()) {
      stopTracks(stream);
      return;
    }
    this.stream = stream;
    // The browser's own "stop sharing" bar ends the track without asking us.
    for (const t of stream.getVideoTracks()) t.addEventListener('ended', () => void this.stop());
    this.pubs.run('screen');
    this.ctx.changed();
  }

  async stop(): Promise<void> {
    const stream = this.stream;
    if (!stream) return;
    this.stream = null;
    stopTracks(stream);
    this.pubs.close('screen');
    this.ctx.changed();
    if (!this.ctx.isStopped()) await this.ctx.send('media:unpublish', { source: 'screen' });
  }

  /** The session ends: the tracks stop; its publisher is closed with the others. */
  drop(): void {
    stopTracks(this.stream);
    this.stream = null;
  }

  /** Asked again after the picker closes: the session may have stopped meanwhile. */
  private canTake(): boolean {
    return this.live() && this.stream === null;
  }
}
