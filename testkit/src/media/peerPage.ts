// A bare page for media tests that holds peer connections by id while Node plays signaling for
// it (./signaling.ts). The page side is a plain JavaScript string: functions compiled by tsx carry
// helper calls (__name) that don't exist inside the page.
import type { BrowserContext, Page } from 'playwright-core';

export interface Sdp {
  type: 'offer' | 'answer';
  sdp: string;
}
export interface Candidate {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
}

export interface InboundStats {
  connectionState: string;
  video?: {
    framesDecoded: number;
    frameWidth?: number;
    frameHeight?: number;
    bytesReceived: number;
    packetsLost: number;
    packetsReceived: number;
  };
  audio?: { bytesReceived: number; totalSamplesReceived: number; packetsReceived: number };
}

const PAGE = String.raw`
window.sfu = {
  pcs: {},
  newPc(id) {
    const pc = new RTCPeerConnection({ iceServers: [] });
    this.pcs[id] = pc;
    pc.onicecandidate = (e) => window.sfuCandidate(id, e.candidate ? e.candidate.toJSON() : null);
    return pc;
  },
  async publish(id, o) {
    const pc = this.newPc(id);
    let video;
    if (o.screen) {
      // A screen share stand-in: headless Chromium has no screen to pick, a canvas stream does.
      const canvas = document.createElement('canvas');
      canvas.width = o.width;
      canvas.height = o.height;
      const g = canvas.getContext('2d');
      let n = 0;
      this.timers = (this.timers || []).concat(setInterval(() => {
        g.fillStyle = n % 2 ? '#fff' : '#eee';
        g.fillRect(0, 0, o.width, o.height);
        g.fillStyle = '#000';
        g.font = '48px sans-serif';
        g.fillText('slide ' + n++, 100, 100);
      }, 100));
      video = canvas.captureStream(10).getVideoTracks()[0];
    } else {
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: true, video: { width: o.width, height: o.height, frameRate: 30 } });
      pc.addTransceiver(stream.getAudioTracks()[0], { direction: 'sendonly' });
      video = stream.getVideoTracks()[0];
    }
    // 'detail' makes Chromium keep resolution under CPU load (drops frame rate instead), so each
    // simulcast layer keeps its size on a busy 2-core test machine.
    video.contentHint = 'detail';
    pc.addTransceiver(video, { direction: 'sendonly', sendEncodings: o.simulcast ? [
      { rid: 'h', maxBitrate: 700000 },
      { rid: 'm', maxBitrate: 250000, scaleResolutionDownBy: 2 },
      { rid: 'l', maxBitrate: 80000, scaleResolutionDownBy: 4 },
    ] : [{ maxBitrate: 700000 }] });
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    return { type: offer.type, sdp: offer.sdp };
  },
  async accept(id, answer) { await this.pcs[id].setRemoteDescription(answer); },
  async answer(id, offer) {
    const pc = this.newPc(id);
    await pc.setRemoteDescription(offer);
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    return { type: answer.type, sdp: answer.sdp };
  },
  async stats(id) {
    const pc = this.pcs[id];
    const out = { connectionState: pc.connectionState };
    (await pc.getStats()).forEach((s) => {
      if (s.type !== 'inbound-rtp') return;
      if (s.kind === 'video') out.video = { framesDecoded: s.framesDecoded || 0, frameWidth: s.frameWidth,
        frameHeight: s.frameHeight, bytesReceived: s.bytesReceived || 0, packetsLost: s.packetsLost || 0,
        packetsReceived: s.packetsReceived || 0 };
      if (s.kind === 'audio') out.audio = { bytesReceived: s.bytesReceived || 0,
        totalSamplesReceived: s.totalSamplesReceived || 0, packetsReceived: s.packetsReceived || 0 };
    });
    return out;
  },
  async outbound(id) {
    const out = [];
    (await this.pcs[id].getStats()).forEach((s) => {
      if (s.type === 'outbound-rtp' && s.kind === 'video') out.push({ rid: s.rid, frameWidth: s.frameWidth || 0,
        framesPerSecond: s.framesPerSecond || 0, bytesSent: s.bytesSent || 0 });
    });
    return out;
  },
  close(id) { if (this.pcs[id]) { this.pcs[id].close(); delete this.pcs[id]; } },
  async playVideo(url) {
    const v = document.createElement('video');
    v.muted = true;
    v.src = url;
    document.body.appendChild(v);
    await new Promise((ok, fail) => {
      v.onloadedmetadata = ok;
      v.onerror = () => fail(new Error('video error ' + (v.error && v.error.message)));
    });
    await v.play();
    await new Promise((ok) => setTimeout(ok, 1500));
    const out = { width: v.videoWidth, height: v.videoHeight, duration: v.duration, currentTime: v.currentTime };
    v.remove();
    return out;
  },
  async decodeAudio(url) {
    const bytes = await (await fetch(url)).arrayBuffer();
    const audio = await new OfflineAudioContext(1, 48000, 48000).decodeAudioData(bytes);
    return { duration: audio.duration };
  },
};
`;

const PAGE_URL = 'http://localhost/sfu-test';

/** A page that holds peer connections by id; Node plays signaling for it. */
export class PeerPage {
  private constructor(readonly page: Page) {}

  static async open(
    context: BrowserContext,
    onCandidate: (id: string, candidate: Candidate | null) => void,
  ): Promise<PeerPage> {
    const page = await context.newPage();
    await page.exposeFunction('sfuCandidate', onCandidate);
    // getUserMedia needs a secure context, which about:blank and data: URLs are not. A localhost
    // URL is one; playwright answers it itself, so no request reaches any server.
    await page.route(PAGE_URL, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>sfu</title>' }),
    );
    await page.goto(PAGE_URL);
    await page.evaluate(PAGE);
    return new PeerPage(page);
  }

  private call<T>(method: string, ...args: unknown[]): Promise<T> {
    const list = args.map((a) => JSON.stringify(a)).join(', ');
    return this.page.evaluate<T>(`window.sfu.${method}(${list})`);
  }

  /** Camera + mic (fake devices), or with `screen` a video-only canvas stream. */
  publish(
    id: string,
    options: { width: number; height: number; simulcast: boolean; screen?: boolean },
  ): Promise<Sdp> {
    return this.call('publish', id, options);
  }
  accept(id: string, answer: Sdp): Promise<void> {
    return this.call('accept', id, answer);
  }
  answer(id: string, offer: Sdp): Promise<Sdp> {
    return this.call('answer', id, offer);
  }
  stats(id: string): Promise<InboundStats> {
    return this.call('stats', id);
  }
  /** Per-simulcast-layer send stats of a publishing peer connection. */
  outbound(
    id: string,
  ): Promise<{ rid?: string; frameWidth: number; framesPerSecond: number; bytesSent: number }[]> {
    return this.call('outbound', id);
  }
  close(id: string): Promise<void> {
    return this.call('close', id);
  }
  /** Plays a video file served at `url` (same origin) for 1.5 s. */
  playVideo(url: string): Promise<{ width: number; height: number; duration: number; currentTime: number }> {
    return this.call('playVideo', url);
  }
  /** Decodes a whole audio file with WebAudio. */
  decodeAudio(url: string): Promise<{ duration: number }> {
    return this.call('decodeAudio', url);
  }
}
