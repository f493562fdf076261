// A browser trickles ICE candidates as soon as it has set its offer, while Janus is still
// attaching the handle and processing that offer; candidates for a handle that doesn't exist yet
// wait here and are sent once it does.
import type { IceCandidate } from 'janode';
import type { VideoRoomHandle } from 'janode/plugins/videoroom';

/** null = end of candidates. */
type Candidate = IceCandidate | null;

export async function sendCandidate(handle: VideoRoomHandle, candidate: Candidate): Promise<void> {
  if (candidate) await handle.trickle(candidate);
  else await handle.trickleComplete();
}

export class EarlyCandidates {
  private readonly queues = new Map<string, Candidate[]>();

  hold(key: string, candidate: Candidate): void {
    const queue = this.queues.get(key) ?? [];
    // A browser gathers a handful per peer connection; a flood means a confused client.
    if (queue.length < 64) queue.push(candidate);
    this.queues.set(key, queue);
  }

  async release(key: string, handle: VideoRoomHandle): Promise<void> {
    const queue = this.queues.get(key) ?? [];
    this.queues.delete(key);
    for (const candidate of queue) await sendCandidate(handle, candidate);
  }

  clear(): void {
    this.queues.clear();
  }
}
