export { attachSignaling, type Signaling, type SignalingOptions } from './server';
export { rooms } from './notifications';
export { ConsultRooms, type MediaBackend } from './consult/rooms';
export { LayerControl } from './consult/layers';
