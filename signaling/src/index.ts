export { attachSignaling, type Signaling, type SignalingOptions } from './server';
export { rooms } from './notifications';
export { RoomRegistry } from './consult/roomRegistry';
export { RecordingRecovery, recordingFolder } from './consult/recovery';
export type { MediaBackend } from './consult/roomContext';
export { sfuMedia } from './sfuMedia';
export { LayerControl } from './consult/layers';
