import type { TypedOperationSpecs } from '../graphql/types.js';
import { formString, toRestToken } from '../models/token.js';

/** 24.x: form bodies (JSON accepted too), no bearer token */
export const tokenOperations = {
  createToken: {
    field: 'createToken',
    variables: (r) => ({
      grantType: formString(r.body?.grant_type),
      username: formString(r.body?.username),
      password: formString(r.body?.password),
    }),
    toRest: toRestToken,
  },
  refreshToken: {
    field: 'refreshToken',
    variables: (r) => ({ grantType: formString(r.body?.grant_type), refreshToken: formString(r.body?.refresh_token) }),
    invalidStatus: 'token_refresh_error',
    toRest: toRestToken,
  },
  revokeToken: {
    field: 'revokeToken',
    variables: (r) => ({ token: formString(r.body?.token), tokenTypeHint: formString(r.body?.token_type_hint) }),
    invalidStatus: 'token_revoke_error',
    noContent: true,
    toRest: () => undefined,
  },
} satisfies TypedOperationSpecs;
