export { attachSignaling, type Signaling, type SignalingOptions } from './server';
export { rooms } from './notifications';
