import type { TypedOperationSpecs } from '../graphql/types.js';
import { toRestGroup } from '../models/group.js';
import { toOrganizationInput, toRestOrganization } from '../models/organization.js';
import { toRestList, toRestPage } from '../models/pagination.js';
import { toRestStatusOk } from '../models/status-ok.js';
import { toRestUser } from '../models/user.js';
import { byId, pageVariables } from './operation.js';

/** 9.x; members (9.6) and groups (9.7) are unpaginated lists in the spec, though they take cursor and limit. */
export const organizationOperations = {
  listOrganizations: {
    field: 'organizations',
    variables: pageVariables,
    toRest: (connection) => toRestPage('organizations', connection, toRestOrganization),
  },
  searchOrganizations: {
    field: 'organizations',
    variables: (r) => ({ ...pageVariables(r), query: r.body.query }),
    toRest: (connection) => toRestPage('organizations', connection, toRestOrganization),
  },
  createOrganization: {
    field: 'createOrganization',
    variables: (r) => ({ input: toOrganizationInput(r.body) }),
    toRest: toRestOrganization,
  },
  getOrganization: {
    field: 'organization',
    variables: byId('organization_id'),
    notFound: 'Organization not found',
    toRest: toRestOrganization,
  },
  updateOrganization: {
    field: 'updateOrganization',
    variables: (r) => ({ id: r.params.organization_id, input: toOrganizationInput(r.body) }),
    toRest: toRestOrganization,
  },
  deleteOrganization: { field: 'deleteOrganization', variables: byId('organization_id'), toRest: toRestStatusOk },
  listOrganizationMembers: {
    field: 'organizationMembers',
    variables: (r) => ({
      ...pageVariables(r),
      organizationId: r.params.organization_id,
      withoutGroups: r.query.without_groups,
    }),
    notFound: 'Organization not found',
    toRest: (connection) => toRestList('members', connection.nodes, toRestUser),
  },
  listOrganizationGroups: {
    field: 'organizationGroups',
    variables: (r) => ({ ...pageVariables(r), organizationId: r.params.organization_id }),
    notFound: 'Organization not found',
    toRest: (connection) => toRestList('groups', connection.nodes, toRestGroup),
  },
} satisfies TypedOperationSpecs;
