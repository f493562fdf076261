// What the signaling server calls, each inside withActor(pool, actor, db => …) so row-level
// security applies to the socket's user exactly as to an HTTP request.
export { assertParticipant, CONSULTATION_CHANNEL, type ParticipantInfo } from './access';
export { recordJoin, recordLeave, type AttendanceRow } from './attendance';
export { addChatMessage, listChatMessages, type ChatMessage } from './chat';
export { markLive, endConsultation, type StatusChange } from './lifecycle';
export {
  allConsented,
  finishRecording,
  setRecordingConsent,
  startRecording,
  type RecordingOwner,
  type RecordingResult,
  type RecordingRow,
} from './recording';
export { getConsultation, type ConsultationDetail } from './read';
