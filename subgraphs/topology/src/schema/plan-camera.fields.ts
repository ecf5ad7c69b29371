import { done } from '@argus/core';
import { builder, common } from './builder.js';
import { PlanCamera } from './plan-camera.type.js';

const errors = { types: common.mutationErrors };

builder.mutationFields((t) => ({
  addPlanCameras: t.field({
    type: common.Ok, errors,
    description: 'Each camera must exist, belong to the plan\'s place and be on no plan yet',
    args: { planId: t.arg.int({ required: true }), cameraIds: t.arg.idList({ required: true }) },
    resolve: (_, a, ctx) => done(ctx.services.planCameras.add(ctx.viewer, a.planId, a.cameraIds.map(String))),
  }),
  removePlanCameras: t.field({
    type: common.Ok, errors,
    args: { planId: t.arg.int({ required: true }), cameraIds: t.arg.idList({ required: true }) },
    resolve: (_, a, ctx) => done(ctx.services.planCameras.remove(ctx.viewer, a.planId, a.cameraIds.map(String))),
  }),
  updatePlanCameraPosition: t.field({
    type: PlanCamera, errors,
    args: { planId: t.arg.int({ required: true }), cameraId: t.arg.id({ required: true }), x: t.arg.float(), y: t.arg.float() },
    resolve: (_, a, ctx) => ctx.services.planCameras.setPosition(ctx.viewer, a.planId, String(a.cameraId), a.x ?? null, a.y ?? null),
  }),
}));
