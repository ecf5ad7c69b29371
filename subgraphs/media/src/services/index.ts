import type { AuditRecorder } from '@argus/core';
import type { MediaDb } from '../db.js';
import { UploadRepository } from '../repositories/upload.repository.js';
import type { UploadStore } from '../storage/upload-store.js';
import type { FaceMetaProvider } from './face-meta.js';
import { StreamServerService, type StreamServerDirectory } from './stream-server.service.js';
import { UploadService } from './upload.service.js';

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
}

/** Wires repositories into services: the only place that knows both. */
export function createServices(db: MediaDb, ports: MediaPorts) {
  return {
    streamServers: new StreamServerService(ports.streamServers),
    uploads: new UploadService(new UploadRepository(db), ports.store, ports.faces, ports.audit, ports.uploadMaxBytes),
  };
}
