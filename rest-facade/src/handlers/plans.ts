import type { TypedOperationSpecs } from '../graphql/types.js';
import { toRestPage } from '../models/pagination.js';
import { toPlanInput, toRestPlan, toRestPlanCamera, toRestPlanCameraPosition } from '../models/plan.js';
import { toRestStatusOk } from '../models/status-ok.js';
import { byId, pageVariables } from './operation.js';

/** 13.x */
export const planOperations = {
  listPlans: {
    field: 'plans',
    variables: (r) => ({ ...pageVariables(r), groupId: r.query.group_id }),
    toRest: (connection) => toRestPage('plans', connection, toRestPlan),
  },
  searchPlans: {
    field: 'plans',
    variables: (r) => ({ ...pageVariables(r), query: r.body.query, groupId: r.query.group_id }),
    toRest: (connection) => toRestPage('plans', connection, toRestPlan),
  },
  createPlan: { field: 'createPlan', variables: (r) => ({ input: toPlanInput(r.body) }), toRest: toRestPlan },
  getPlan: { field: 'plan', variables: byId('plan_id'), notFound: 'Plan not found', toRest: toRestPlan },
  updatePlan: {
    field: 'updatePlan',
    variables: (r) => ({ id: r.params.plan_id, input: toPlanInput(r.body) }),
    toRest: toRestPlan,
  },
  deletePlan: { field: 'deletePlan', variables: byId('plan_id'), toRest: toRestStatusOk },
  listPlanCameras: {
    field: 'plan',
    variables: (r) => ({ ...pageVariables(r), planId: r.params.plan_id }),
    notFound: 'Plan not found',
    toRest: (plan) => toRestPage('cameras', plan.cameras, toRestPlanCamera),
  },
  addPlanCameras: {
    field: 'addPlanCameras',
    variables: (r) => ({ planId: r.params.plan_id, cameraIds: r.body.camera_ids }),
    toRest: toRestStatusOk,
  },
  removePlanCameras: {
    field: 'removePlanCameras',
    variables: (r) => ({ planId: r.params.plan_id, cameraIds: r.body.camera_ids }),
    toRest: toRestStatusOk,
  },
  updatePlanCameraPosition: {
    field: 'updatePlanCameraPosition',
    variables: (r) => ({
      planId: r.params.plan_id,
      cameraId: r.params.camera_id,
      x: r.body.x ?? null,
      y: r.body.y ?? null,
    }),
    toRest: toRestPlanCameraPosition,
  },
} satisfies TypedOperationSpecs;
