// @tiered-care/testkit/browser: Debian's Chromium through playwright-core (one launcher, one set
// of flags) and the web client's pages as a user drives them.
export {
  audioOver,
  enterRoom,
  eventually,
  inbound,
  openParticipant,
  remoteVideos,
  seesVideoOf,
  type InboundSample,
  type Participant,
  type RemoteKind,
  type VideoSample,
} from './consultPage';
export {
  acceptFromWorklist,
  inviteColleague,
  localInputValue,
  requestConsultFromReferral,
} from './consultWorkflow';
export {
  ARTIFACTS,
  CHROMIUM,
  CHROMIUM_ARGS,
  launchBrowser,
  officePage,
  screenshot,
  signIn,
  type LaunchedBrowser,
} from './launch';
export { useBrowser, type BrowserHandle } from './useBrowser';
export { meanAbsoluteDifference, shownImage, wheelPastFirstImage } from './viewer';
