import type { AuditRecorder } from '@argus/core';
import type { WatchlistsDb } from '../db.js';
import { FaceImageRepository } from '../repositories/face-image.repository.js';
import { FaceRepository } from '../repositories/face.repository.js';
import { PlateRepository } from '../repositories/plate.repository.js';
import { FACE_LIST_TABLES, PLATE_LIST_TABLES, WatchlistRepository } from '../repositories/watchlist.repository.js';
import { FaceImageService } from './face-image.service.js';
import { FaceService } from './face.service.js';
import type { IdentityDirectory } from './identity-directory.js';
import { PlateService } from './plate.service.js';
import type { UploadChecker } from './upload-checker.js';
import { UploadReferenceService } from './upload-reference.service.js';
import { WatchlistService } from './watchlist.service.js';

export type { UploadChecker } from './upload-checker.js';

export type WatchlistsServices = ReturnType<typeof createServices>;

/** What the services need from outside: the identity part (organizations, audit log) and the uploads catalog. */
export interface WatchlistsPorts {
  readonly identity: IdentityDirectory;
  readonly audit: AuditRecorder;
  readonly uploads: UploadChecker;
}

/** Wires repositories into services: the only place that knows both. */
export function createServices(db: WatchlistsDb, ports: WatchlistsPorts) {
  const faces = new FaceRepository(db);
  const faceImages = new FaceImageRepository(db);
  const plates = new PlateRepository(db);
  return {
    faces: new FaceService(faces, ports.identity, ports.audit),
    faceImages: new FaceImageService(faceImages, faces, ports.uploads, ports.audit),
    faceLists: new WatchlistService(
      { member: 'Face', prefix: 'facelist', memberKey: 'face_id', members: faces },
      new WatchlistRepository(db, FACE_LIST_TABLES),
      ports.identity,
      ports.audit,
    ),
    plates: new PlateService(plates, ports.identity, ports.uploads, ports.audit),
    plateLists: new WatchlistService(
      { member: 'Plate', prefix: 'platelist', memberKey: 'plate_id', members: plates },
      new WatchlistRepository(db, PLATE_LIST_TABLES),
      ports.identity,
      ports.audit,
    ),
    uploadReferences: new UploadReferenceService(ports.uploads),
  };
}
