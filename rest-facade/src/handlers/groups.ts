import type { TypedOperationSpecs } from '../graphql/types.js';
import { toGroupInput, toRestGroup } from '../models/group.js';
import { toRestPage } from '../models/pagination.js';
import { toRestStatusOk } from '../models/status-ok.js';
import { toRestUser } from '../models/user.js';
import { byId, pageVariables } from './operation.js';

/** 6.1–6.9 (6.10–6.12, group places, belong to topology) */
export const groupOperations = {
  listGroups: {
    field: 'groups',
    variables: pageVariables,
    toRest: (connection) => toRestPage('groups', connection, toRestGroup),
  },
  searchGroups: {
    field: 'groups',
    variables: (r) => ({ ...pageVariables(r), query: r.body.query, organizationId: r.query.organization_id }),
    toRest: (connection) => toRestPage('groups', connection, toRestGroup),
  },
  createGroup: {
    field: 'createGroup',
    variables: (r) => ({ input: toGroupInput(r.body), organizationId: r.query.organization_id }),
    toRest: toRestGroup,
  },
  getGroup: { field: 'group', variables: byId('group_id'), notFound: 'Group not found', toRest: toRestGroup },
  updateGroup: {
    field: 'updateGroup',
    variables: (r) => ({ id: r.params.group_id, input: toGroupInput(r.body) }),
    toRest: toRestGroup,
  },
  deleteGroup: { field: 'deleteGroup', variables: byId('group_id'), toRest: toRestStatusOk },
  listGroupMembers: {
    field: 'groupMembers',
    variables: (r) => ({ ...pageVariables(r), groupId: r.params.group_id }),
    notFound: 'Group not found',
    toRest: (connection) => toRestPage('users', connection, toRestUser),
  },
  addGroupMembers: {
    field: 'addGroupMembers',
    variables: (r) => ({ groupId: r.params.group_id, userIds: r.body.user_ids }),
    toRest: toRestStatusOk,
  },
  removeGroupMembers: {
    field: 'removeGroupMembers',
    variables: (r) => ({ groupId: r.params.group_id, userIds: r.body.user_ids }),
    toRest: toRestStatusOk,
  },
} satisfies TypedOperationSpecs;
