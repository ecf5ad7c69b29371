import type { TypedOperationSpecs } from '../graphql/types.js';
import { toRestPage } from '../models/pagination.js';
import { toRestStatusOk } from '../models/status-ok.js';
import { toProfileInput, toRestUser, toRestUserMe, toUserInput } from '../models/user.js';
import { byId, pageVariables } from './operation.js';

/** 26.x */
export const userOperations = {
  listUsers: {
    field: 'users',
    variables: (r) => ({ ...pageVariables(r), withoutGroups: r.query.without_groups }),
    toRest: (connection) => toRestPage('users', connection, toRestUser),
  },
  searchUsers: {
    field: 'users',
    variables: (r) => ({
      ...pageVariables(r),
      query: r.body.query,
      withoutGroups: r.query.without_groups,
      organizationId: r.query.organization_id,
    }),
    toRest: (connection) => toRestPage('users', connection, toRestUser),
  },
  createUser: {
    field: 'createUser',
    variables: (r) => ({ input: toUserInput(r.body), organizationId: r.query.organization_id }),
    toRest: toRestUser,
  },
  getCurrentUser: { field: 'viewer', toRest: toRestUserMe },
  updateCurrentUser: {
    field: 'updateViewer',
    variables: (r) => ({ input: toProfileInput(r.body) }),
    toRest: toRestUser,
  },
  changeCurrentUserPassword: {
    field: 'changeViewerPassword',
    variables: (r) => ({ oldPassword: r.body.old_password, newPassword: r.body.new_password }),
    toRest: toRestUser,
  },
  changeCurrentUserEmail: {
    field: 'changeViewerEmail',
    variables: (r) => ({ password: r.body.password, email: r.body.email }),
    toRest: toRestUser,
  },
  getUser: { field: 'user', variables: byId('user_id'), notFound: 'User not found', toRest: toRestUser },
  updateUser: {
    field: 'updateUser',
    variables: (r) => ({ id: r.params.user_id, input: toUserInput(r.body) }),
    toRest: toRestUser,
  },
  deleteUser: { field: 'deleteUser', variables: byId('user_id'), toRest: toRestStatusOk },
} satisfies TypedOperationSpecs;
