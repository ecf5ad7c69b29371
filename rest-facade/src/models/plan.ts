import type { PlanInput, RestPlanCameraFragment, RestPlanFragment } from '../graphql/generated/operations.js';
import { toRestCamera } from './camera.js';
import type { RestSchema } from './rest.js';

/** A plan as the RestPlan fragment selects it. */
export type GraphqlPlan = RestPlanFragment;

/** The REST Plan model (13.x, 12.7). */
export type RestPlan = RestSchema<'Plan'>;

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
export type GraphqlPlanCamera = RestPlanCameraFragment;

/** The REST PlanCamera model (13.7): the camera, its plan and its position there. */
export type RestPlanCamera = RestSchema<'PlanCamera'>;

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
export function toRestPlanCameraPosition(row: Omit<GraphqlPlanCamera, 'camera'>): RestSchema<'PlanCameraPosition'> {
  return { x: row.x ?? null, y: row.y ?? null, camera_id: row.cameraId, plan_id: row.planId };
}
