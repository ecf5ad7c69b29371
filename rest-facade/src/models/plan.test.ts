import { describe, expect, it } from 'vitest';
import type { GraphqlCamera } from './camera.js';
import { toPlanInput, toRestPlan, toRestPlanCamera, toRestPlanCameraPosition } from './plan.js';

const GRAPHQL_CAMERA: GraphqlCamera = {
  id: '3f1c2c8e-4b7a-4a53-9d1e-0c2b7e0f6a11',
  name: 'Gate',
  placeId: 4,
  planId: 9,
  source: { url: 'rtsp://h/1', username: null, transport: 'TCP', hasPassword: false },
  videoAnalytics: null,
  videoStorage: null,
  videoStreaming: null,
  ptz: null,
  onvifHost: null,
  onvifPort: null,
  onvifLogin: null,
  schedulerGroup: null,
  schedulerTags: null,
  snapshotId: null,
  snapshotUrl: null,
  createdAt: 'c',
  updatedAt: 'u',
};

describe('plans', () => {
  it('maps the REST Plan model', () => {
    expect(
      toRestPlan({
        id: 2,
        name: 'Ground floor',
        placeId: 4,
        imageId: 'img-1',
        imageUrl: '/api/v1/uploads/img-1/content',
        createdAt: 'c',
        updatedAt: 'u',
      }),
    ).toEqual({
      name: 'Ground floor',
      place_id: 4,
      image_id: 'img-1',
      id: 2,
      image_url: '/api/v1/uploads/img-1/content',
      created_at: 'c',
      updated_at: 'u',
    });
    expect(
      toRestPlan({ id: 2, name: 'P', placeId: 4, imageId: 'i', imageUrl: null, createdAt: 'c', updatedAt: 'u' })
        .image_url,
    ).toBeNull();
  });

  it('builds PlanInput', () => {
    expect(toPlanInput({ name: 'P', place_id: 4, image_id: 'i' })).toEqual({ name: 'P', placeId: 4, imageId: 'i' });
  });

  it('maps a camera on a plan: the camera with plan_id, x, y and camera_id', () => {
    const row = toRestPlanCamera({ planId: 9, cameraId: GRAPHQL_CAMERA.id, x: 0.25, y: null, camera: GRAPHQL_CAMERA });
    expect(row).toMatchObject({
      name: 'Gate',
      id: GRAPHQL_CAMERA.id,
      camera_id: GRAPHQL_CAMERA.id,
      plan_id: 9,
      x: 0.25,
      y: null,
      place_id: 4,
    });
    expect(row).not.toHaveProperty('onvif_password');
  });

  it('maps a position', () => {
    expect(toRestPlanCameraPosition({ planId: 9, cameraId: 'c', x: 0.5, y: 1 })).toEqual({
      x: 0.5,
      y: 1,
      camera_id: 'c',
      plan_id: 9,
    });
  });
});
