import { builder, common } from './builder.js';
import { Organization } from './organization.type.js';
import { OrionIntegration, OrionIntegrationInput, OrionServiceInfo } from './orion-integration.type.js';

const errors = { types: common.mutationErrors };
const ORGANIZATION_ID = "Superusers only; default: the caller's organization";

builder.objectField(Organization, 'orionIntegration', (t) => t.field({
  type: OrionIntegration,
  nullable: true,
  description: 'The Orion integration settings, null when none are configured (needs orion_read)',
  resolve: (org, _, ctx) => ctx.services.orion.find(ctx.viewer, org.id, ctx.loaders.orionIntegration),
}));

builder.queryFields((t) => ({
  orionServiceInfo: t.field({
    type: OrionServiceInfo,
    description: "Calls GetVersion on the organization's Orion service",
    args: { organizationId: t.arg.int({ description: ORGANIZATION_ID }) },
    resolve: (_, args, ctx) => ctx.services.orion.serviceInfo(ctx.viewer, args.organizationId),
  }),
}));

builder.mutationFields((t) => ({
  configureOrionIntegration: t.field({
    type: OrionIntegration,
    errors,
    description: 'Stores the Orion settings once the WSDL has been fetched and parsed',
    args: {
      input: t.arg({ type: OrionIntegrationInput, required: true }),
      organizationId: t.arg.int({ description: ORGANIZATION_ID }),
    },
    resolve: (_, args, ctx) => ctx.services.orion.configure(ctx.viewer, args.input, args.organizationId),
  }),
}));
