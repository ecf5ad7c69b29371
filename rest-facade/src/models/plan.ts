import type { PlanInput } from '../graphql/generated/operations.js';
import { toRestCamera, type GraphqlCamera, type RestCamera } from './camera.js';

/** A plan as the RestPlan fragment selects it. */
export interface GraphqlPlan {
  readonly id: number;
  readonly name: string;
  readonly placeId: number;
  readonly imageId: string;
  readonly imageUrl?: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The REST Plan model (13.x, 12.7). */
export interface RestPlan {
  name: string;
  place_id: number;
  image_id: string;
  id: number;
  image_url: string | null;
  created_at: string;
  updated_at: string;
}

export function toRestPlan(plan: GraphqlPlan): RestPlan {
  return {
    name: plan.name,
    place_id: plan.placeId,
    image_id: plan.imageId,
    id: plan.id,
    image_url: plan.imageUrl ?? null,
    created_at: plan.createdAt,
    updated_at: plan.updatedAt,
  };
}

/** REST PlanCreate / PlanUpdate body → GraphQL PlanInput. */
export function toPlanInput(body: { name: string; place_id: number; image_id: string }): PlanInput {
  return { name: body.name, placeId: body.place_id, imageId: body.image_id };
}

/** A camera on a plan as the RestPlanCamera fragment selects it. */
export interface GraphqlPlanCamera {
  readonly planId: number;
  readonly cameraId: string;
  readonly x: number | null;
  readonly y: number | null;
  readonly camera: GraphqlCamera;
}

/** The REST PlanCamera model (13.7): the camera, its plan and its position there. */
export interface RestPlanCamera extends Omit<RestCamera, 'plan_id'> {
  plan_id: number;
  x: number | null;
  y: number | null;
  camera_id: string;
}

export function toRestPlanCamera(row: GraphqlPlanCamera): RestPlanCamera {
  return {
    ...toRestCamera(row.camera),
    plan_id: row.planId,
    x: row.x ?? null,
    y: row.y ?? null,
    camera_id: row.cameraId,
  };
}

/** The REST PlanCameraPosition model (13.10). */
export function toRestPlanCameraPosition(row: Omit<GraphqlPlanCamera, 'camera'>): {
  x: number | null;
  y: number | null;
  camera_id: string;
  plan_id: number;
} {
  return { x: row.x ?? null, y: row.y ?? null, camera_id: row.cameraId, plan_id: row.planId };
}
