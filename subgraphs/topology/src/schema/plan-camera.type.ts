import type { PlanCameraRow } from '../services/plan-camera.service.js';
import { builder, connectionOf } from './builder.js';
import { Camera } from './camera.type.js';
import { Plan } from './plan.type.js';

export const PlanCamera = builder.objectRef<PlanCameraRow>('PlanCamera');

PlanCamera.implement({
  description: 'A camera on a plan and its position on the plan image (fractions of its width and height, null until placed)',
  fields: (t) => ({
    planId: t.exposeInt('plan_id'),
    cameraId: t.exposeID('id'),
    x: t.exposeFloat('x', { nullable: true }),
    y: t.exposeFloat('y', { nullable: true }),
    camera: t.field({ type: Camera, resolve: (row) => row }),
    plan: t.field({ type: Plan, resolve: async (row, _, ctx) => (await ctx.loaders.plan.load(row.plan_id))! }),
  }),
});

export const PlanCameraConnection = connectionOf('PlanCameraConnection', () => PlanCamera);
