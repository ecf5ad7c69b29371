export * from './onvif.types.js';
export {
  EngineOnvifClient,
  OnvifCallError,
  signedOnvifUrl,
  type EngineOnvifClientOptions,
} from './engine-onvif-client.js';
export { streamServerBaseUrl } from '../recording/recording-urls.js';

// Shared types of the streaming tables and the engines' answers
export type {
  CurrentStreamStatus,
  DowntimePeriod,
  StreamStatusEvent,
  StreamUptime,
} from '../status/stream-status.types.js';
export type { LiveStreamServer } from '../cluster/stream-server.reader.js';
export type { CameraOwner } from '../cluster/camera-owner.reader.js';
export type { NewVideoClip, VideoClipFilter, VideoClipRow, VideoClipStatus } from '../clips/video-clip.repository.js';
export type { StreamInfo } from '../probe/stream-info.js';
export { StreamProbeError, type ProbeFailureReason, type VerifyResult } from '../probe/stream-probe.js';

// Read models of the engines' shared tables (read-only queries on the shared database)
export { StreamServerReader } from '../cluster/stream-server.reader.js';
export { CameraOwnerReader } from '../cluster/camera-owner.reader.js';
export { StreamStatusReader } from '../status/stream-status.reader.js';
export { VideoClipReader } from '../clips/video-clip.reader.js';
export { EngineDirectory } from './engine-directory.js';

// Engine-owned writes that must work while no engine runs
export { LapsedLeaseRecorder } from '../status/lapsed-lease.recorder.js';
export { ClipRequests } from '../clips/clip-requests.js';

// Signed calls to one engine, and the signed URLs handed to clients
export { StreamServerClient, type ListedSegment, type StreamServerRef } from './stream-server-client.js';
export { indexPath, segmentPath, signedRecordingUrl } from '../recording/recording-urls.js';
export { signingKey } from '../recording/signed-url.js';
export { signedClipUrl } from '../recording/clip-url.js';

// The face analyzer, loaded on demand in the caller's process
export { loadFaceAnalyzer } from './face-analysis.js';

// Recognition events: what engines report to the media part
export * from './recognition-events.js';

// Signed internal requests with a body (engines report events to the media part this way)
export { checkSignedRequest, signedInternalPost } from './signed-request.js';
