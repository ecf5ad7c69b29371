import type { AuditRecorder } from '@argus/core';
import type { WatchlistsDb } from '../db.js';
import { FaceImageRepository } from '../repositories/face-image.repository.js';
import { FaceListRepository } from '../repositories/face-list.repository.js';
import { FaceRepository } from '../repositories/face.repository.js';
import { PlateListRepository } from '../repositories/plate-list.repository.js';
import { PlateRepository } from '../repositories/plate.repository.js';
import { FaceImageService } from './face-image.service.js';
import { FaceListService } from './face-list.service.js';
import { FaceService } from './face.service.js';
import type { IdentityDirectory } from './identity-directory.js';
import { PlateListService } from './plate-list.service.js';
import { PlateService } from './plate.service.js';
import type { UploadChecker } from './upload-checker.js';
import { UploadReferenceService } from './upload-reference.service.js';

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
  const faceLists = new FaceListRepository(db);
  const plates = new PlateRepository(db);
  const plateLists = new PlateListRepository(db);
  return {
    faces: new FaceService(faces, ports.identity, ports.audit),
    faceImages: new FaceImageService(faceImages, faces, ports.uploads, ports.audit),
    faceLists: new FaceListService(faceLists, faces, ports.identity, ports.audit),
    plates: new PlateService(plates, ports.identity, ports.uploads, ports.audit),
    plateLists: new PlateListService(plateLists, plates, ports.identity, ports.audit),
    uploadReferences: new UploadReferenceService(ports.uploads),
  };
}
