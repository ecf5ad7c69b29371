import type { AuditRecorder } from '@argus/core';
import type { MediaDb } from '../db.js';
import { UploadRepository } from '../repositories/upload.repository.js';
import type { UploadStore } from '../storage/upload-store.js';
import type { FaceMetaProvider } from './face-meta.js';
import { StreamServerService, type StreamServerDirectory } from './stream-server.service.js';
import { RecordingService, type RecordingServiceOptions } from './recording.service.js';
import { UploadService } from './upload.service.js';
import { StreamService, type StreamServiceOptions } from './stream.service.js';
import { VideoClipService, type VideoClipServiceOptions } from './video-clip.service.js';
import { OnvifService, type OnvifServiceOptions } from './onvif.service.js';
import { CameraReferenceService } from './camera-reference.service.js';
import type { EventService } from '../events/event.service.js';
import type { LiveEventService } from '../events/live/live-event.service.js';

export type MediaServices = ReturnType<typeof createServices>;

/** What the services need from outside: the content store, face analysis, the identity part's audit log. */
export interface MediaPorts {
  readonly store: UploadStore;
  /** undefined when face analysis is not available: face images and face meta answer 503 */
  readonly faces: FaceMetaProvider | undefined;
  readonly audit: AuditRecorder;
  readonly uploadMaxBytes: number;
  /** the live stream servers (the media engine's reader) */
  readonly streamServers: StreamServerDirectory;
  /** recorded segments and snapshots: camera visibility (topology), lease owners, stream server calls */
  readonly recordings: RecordingServiceOptions;
  /** stream statuses (the media engine's reader), topology's cameras, ffprobe */
  readonly streams: StreamServiceOptions;
  /** video clips: their rows and queue, topology's cameras, what is recorded */
  readonly videoClips: Omit<VideoClipServiceOptions, 'audit'>;
  /** ONVIF control: topology's cameras, the media engines that reach them */
  readonly onvif: Omit<OnvifServiceOptions, 'audit'>;
  /** recognition events: storage, matching, queries (built by the app: it also takes the engines' reports) */
  readonly events: EventService;
  /** the eventCreated and eventMatched subscriptions */
  readonly liveEvents: LiveEventService;
}

/** Wires repositories into services: the only place that knows both. */
export function createServices(db: MediaDb, ports: MediaPorts) {
  return {
    streamServers: new StreamServerService(ports.streamServers),
    recordings: new RecordingService(ports.recordings),
    streams: new StreamService(ports.streams),
    videoClips: new VideoClipService({ ...ports.videoClips, audit: ports.audit }),
    onvif: new OnvifService({ ...ports.onvif, audit: ports.audit }),
    uploads: new UploadService(new UploadRepository(db), ports.store, ports.faces, ports.audit, ports.uploadMaxBytes),
    cameraReferences: new CameraReferenceService(ports.recordings.cameras),
    events: ports.events,
    liveEvents: ports.liveEvents,
  };
}
