// Extra page-side helpers the benchmark adds next to the testkit's PeerPage `window.sfu`:
// statistics the tests don't need (freezes, concealed audio), the moment a subscription first
// shows a frame, and raising a publisher's top-layer bitrate. Plain JavaScript for the same reason
// as there: tsx-compiled functions carry helpers that don't exist inside the page.
import type { MediaRoom } from '../src/mediaRoom';
import type { PeerPage, Sdp } from '@tiered-care/testkit/media';

const BENCH = String.raw`
window.bench = {
  joins: {},
  // Answers like window.sfu.answer, then watches the new video track in the same call, as a web
  // client's ontrack would: a <video> element with requestVideoFrameCallback (first frame shown)
  // and getStats every 20 ms (first frame decoded). Times are epoch ms, comparable with Node's.
  async answerAndWatch(id, offer) {
    const answer = await window.sfu.answer(id, offer);
    const pc = window.sfu.pcs[id];
    const rec = { connected: undefined, decoded: undefined, rendered: undefined };
    this.joins[id] = rec;
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'connected' && rec.connected === undefined) rec.connected = Date.now();
    });
    // Audio too: Chromium only pulls (and counts, concealedSamples) received audio that plays.
    // Muted, because headless autoplay needs it; a muted element still plays out the track.
    const video = document.createElement('video');
    video.muted = true;
    video.autoplay = true;
    video.id = 'v-' + id;
    video.srcObject = new MediaStream(pc.getReceivers().map((r) => r.track));
    document.body.appendChild(video);
    video.play().catch(() => undefined);
    video.requestVideoFrameCallback((now) => { rec.rendered = performance.timeOrigin + now; });
    const poll = setInterval(async () => {
      if (!window.sfu.pcs[id] || rec.decoded !== undefined) return clearInterval(poll);
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video' && s.framesDecoded > 0 && rec.decoded === undefined)
          rec.decoded = Date.now();
      });
    }, 20);
    return answer;
  },
  join(id) { return this.joins[id]; },
  unwatch(id) {
    const video = document.getElementById('v-' + id);
    if (video) { video.srcObject = null; video.remove(); }
    delete this.joins[id];
  },
  // Inbound stats of every subscription on this page, keyed by peer connection id.
  async inbound() {
    const out = {};
    for (const [id, pc] of Object.entries(window.sfu.pcs)) {
      if (!id.startsWith('sub:')) continue;
      const one = { at: Date.now() };
      (await pc.getStats()).forEach((s) => {
        if (s.type !== 'inbound-rtp') return;
        if (s.kind === 'video') one.video = { framesDecoded: s.framesDecoded || 0,
          freezeCount: s.freezeCount || 0, totalFreezesDuration: s.totalFreezesDuration || 0,
          packetsLost: s.packetsLost || 0, packetsReceived: s.packetsReceived || 0,
          bytesReceived: s.bytesReceived || 0, frameWidth: s.frameWidth || 0 };
        if (s.kind === 'audio') one.audio = { concealedSamples: s.concealedSamples || 0,
          totalSamplesReceived: s.totalSamplesReceived || 0, packetsLost: s.packetsLost || 0,
          packetsReceived: s.packetsReceived || 0 };
      });
      out[id] = one;
    }
    return out;
  },
  // Send side of a publisher per simulcast layer, with what the encoder aimed at and why it held back.
  async outbound(id) {
    const out = [];
    (await window.sfu.pcs[id].getStats()).forEach((s) => {
      if (s.type === 'outbound-rtp' && s.kind === 'video') out.push({ rid: s.rid || '-',
        bytesSent: s.bytesSent || 0, framesEncoded: s.framesEncoded || 0, frameWidth: s.frameWidth || 0,
        targetBitrate: s.targetBitrate || 0, qualityLimitationReason: s.qualityLimitationReason || 'none' });
    });
    return out;
  },
  // The testkit's PeerPage publishes the top layer at 700 kbit/s; the clinic scenario wants ~1 Mbit/s.
  async setTopBitrate(id, bps) {
    const sender = window.sfu.pcs[id].getSenders().find((s) => s.track && s.track.kind === 'video');
    const params = sender.getParameters();
    for (const e of params.encodings) if (e.rid === 'h') e.maxBitrate = bps;
    await sender.setParameters(params);
  },
};
`;

/** Epoch ms of each step of one subscription's start, as the page saw them. */
export interface JoinMarks {
  connected?: number;
  decoded?: number;
  rendered?: number;
}

export interface VideoIn {
  framesDecoded: number;
  freezeCount: number;
  totalFreezesDuration: number;
  packetsLost: number;
  packetsReceived: number;
  bytesReceived: number;
  frameWidth: number;
}
export interface AudioIn {
  concealedSamples: number;
  totalSamplesReceived: number;
  packetsLost: number;
  packetsReceived: number;
}
export interface Inbound {
  at: number;
  video?: VideoIn;
  audio?: AudioIn;
}

export interface LayerOut {
  rid: string;
  bytesSent: number;
  framesEncoded: number;
  frameWidth: number;
  targetBitrate: number;
  qualityLimitationReason: string;
}

export class BenchPage {
  private constructor(readonly peer: PeerPage) {}

  static async wrap(peer: PeerPage): Promise<BenchPage> {
    await peer.page.evaluate(BENCH);
    return new BenchPage(peer);
  }

  private call<T>(method: string, ...args: unknown[]): Promise<T> {
    const list = args.map((a) => JSON.stringify(a)).join(', ');
    return this.peer.page.evaluate<T>(`window.bench.${method}(${list})`);
  }

  answerAndWatch(id: string, offer: Sdp): Promise<Sdp> {
    return this.call('answerAndWatch', id, offer);
  }
  join(id: string): Promise<JoinMarks | undefined> {
    return this.call('join', id);
  }
  unwatch(id: string): Promise<void> {
    return this.call('unwatch', id);
  }
  inbound(): Promise<Record<string, Inbound | undefined>> {
    return this.call('inbound');
  }
  outbound(id: string): Promise<LayerOut[]> {
    return this.call('outbound', id);
  }
  setTopBitrate(id: string, bps: number): Promise<void> {
    return this.call('setTopBitrate', id, bps);
  }
}

/** room.subscribe → answer with the media shown and played → room.startSubscription. */
export async function subscribeWatched(
  room: MediaRoom,
  page: BenchPage,
  participantId: string,
  feedId: string,
): Promise<void> {
  const { offer } = await room.subscribe(participantId, feedId);
  const answer = await page.answerAndWatch(`sub:${feedId}`, offer);
  await room.startSubscription(participantId, feedId, answer);
}
