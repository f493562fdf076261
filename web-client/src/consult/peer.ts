// One RTCPeerConnection to the SFU (a publisher or one subscription) with what every one of them
// needs: trickle ICE towards signaling and a watchdog that reports a connection beyond repair.
import type { ConsultRequest } from '@tiered-care/common';
import { DISCONNECTED_GRACE_MS } from './mediaConfig';

export type PeerRef = ConsultRequest<'media:candidate'>['peer'];
export type WireCandidate = ConsultRequest<'media:candidate'>['candidate'];

export interface PeerHooks {
  sendCandidate: (peer: PeerRef, candidate: WireCandidate) => void;
  /** ICE failed, or stayed disconnected past the grace period: build this connection again. */
  onBroken: () => void;
  onStateChange?: (state: RTCPeerConnectionState) => void;
}

/** A browser candidate as the protocol carries it; undefined for the empty end-of-generation one. */
export function toWireCandidate(c: RTCIceCandidate | null): WireCandidate | undefined {
  if (!c) return null;
  if (!c.candidate) return undefined;
  return {
    candidate: c.candidate,
    sdpMid: c.sdpMid,
    sdpMLineIndex: c.sdpMLineIndex,
    usernameFragment: c.usernameFragment,
  };
}

export class Peer {
  readonly pc: RTCPeerConnection;
  private held: WireCandidate[] | null = [];
  private grace: ReturnType<typeof setTimeout> | null = null;
  private broken = false;
  private closed = false;

  constructor(
    readonly ref: PeerRef,
    iceServers: RTCIceServer[],
    private readonly hooks: PeerHooks,
  ) {
    this.pc = new RTCPeerConnection({ iceServers });
    this.pc.onicecandidate = (e) => {
      const c = toWireCandidate(e.candidate);
      if (c === undefined) return;
      if (this.held) this.held.push(c);
      else this.hooks.sendCandidate(this.ref, c);
    };
    this.pc.onconnectionstatechange = () => this.watch();
  }

  /** A method, not a getter: callers ask again after every await. */
  isClosed(): boolean {
    return this.closed;
  }

  /**
   * Lets gathered candidates go. Called right after the offer (or answer) is emitted: socket.io
   * keeps order, so signaling never sees a candidate for a connection it hasn't heard of.
   */
  openTrickle(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const c of held) this.hooks.sendCandidate(this.ref, c);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.clearGrace();
    this.pc.onicecandidate = null;
    this.pc.onconnectionstatechange = null;
    this.pc.ontrack = null;
    this.pc.close();
  }

  private watch(): void {
    const state = this.pc.connectionState;
    this.hooks.onStateChange?.(state);
    if (state === 'failed') {
      this.fail();
    } else if (state === 'disconnected') {
      // Often a brief network hiccup that ICE recovers from by itself; wait before rebuilding.
      this.grace ??= setTimeout(() => {
        this.grace = null;
        if (this.pc.connectionState === 'disconnected') this.fail();
      }, DISCONNECTED_GRACE_MS);
    } else {
      this.clearGrace();
    }
  }

  private fail(): void {
    if (this.broken || this.closed) return;
    this.broken = true;
    this.hooks.onBroken();
  }

  private clearGrace(): void {
    if (this.grace !== null) clearTimeout(this.grace);
    this.grace = null;
  }
}
