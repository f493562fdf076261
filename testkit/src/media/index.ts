// @tiered-care/testkit/media: bare Chromium pages holding peer connections, and the test-side
// signaling that connects them to an SFU consult room (the sfu's and cross-part media tests).
export {
  closeSubscription,
  decodedOver,
  participantPage,
  publishCamera,
  subscribeTo,
  subscriptionStats,
} from './signaling';
export { PeerPage, type Candidate, type InboundStats, type Sdp } from './peerPage';
export { useSfu, type SfuStack, type SfuStackOptions } from './useSfu';
export { teardown } from '../fixture';
