import type { AuditRecorder, UploadCatalog } from '@argus/core';
import type { TopologyDb } from '../db.js';
import { CameraRepository } from '../repositories/camera.repository.js';
import { GroupPlaceRepository } from '../repositories/group-place.repository.js';
import { PlaceRepository } from '../repositories/place.repository.js';
import { PlanCameraRepository } from '../repositories/plan-camera.repository.js';
import { PlanRepository } from '../repositories/plan.repository.js';
import { CameraIngestService } from './camera-ingest.service.js';
import { CameraService } from './camera.service.js';
import { GroupPlaceService } from './group-place.service.js';
import type { IdentityDirectory } from './identity-directory.js';
import { PlaceService } from './place.service.js';
import { PlanCameraService } from './plan-camera.service.js';
import { PlanService } from './plan.service.js';

export type TopologyServices = ReturnType<typeof createServices>;

/** What the services need from outside: the identity part (groups, audit log) and the uploads catalog. */
export interface TopologyPorts {
  readonly identity: IdentityDirectory;
  readonly audit: AuditRecorder;
  readonly uploads: UploadCatalog;
}

/** Wires repositories into services: the only place that knows both. */
export function createServices(db: TopologyDb, ports: TopologyPorts) {
  const places = new PlaceRepository(db);
  const plans = new PlanRepository(db);
  const cameras = new CameraRepository(db);
  const planCameras = new PlanCameraRepository(db);
  const groupPlaces = new GroupPlaceRepository(db);
  return {
    places: new PlaceService(places, ports.identity, ports.audit),
    plans: new PlanService(plans, places, planCameras, ports.uploads, ports.audit),
    planCameras: new PlanCameraService(planCameras, plans, cameras, ports.audit),
    cameras: new CameraService(cameras, places, planCameras, ports.identity, ports.audit),
    cameraIngest: new CameraIngestService(cameras),
    groupPlaces: new GroupPlaceService(groupPlaces, places, ports.identity, ports.audit),
  };
}
