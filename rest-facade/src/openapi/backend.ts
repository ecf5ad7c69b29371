import addFormats from 'ajv-formats';
import { OpenAPIBackend, ValidationContext, type Context, type Document, type Request } from 'openapi-backend';
import type { RestRequest } from '../handlers/operation.js';
import {
  methodNotAllowed,
  notImplemented,
  routeNotFound,
  unauthenticated,
  validationFailed,
  type RestResponse,
} from '../http/rest-response.js';
import { refusedValueDetails } from './refused-values.js';
import { queryParser } from './query-string.js';
import { indexOperations } from './operation-index.js';
import { readInputsAsFastApi } from './input-values.js';
import { isDateTimeInput } from './date-time-input.js';
import { isUuidInput } from './uuid-input.js';
import { toValidationDetails } from './validation-errors.js';

/** Answers one implemented operation, after routing, the token check and request validation. */
export type OperationHandler<Exchange> = (
  operationId: string,
  request: RestRequest,
  exchange: Exchange,
) => Promise<RestResponse>;

/** Verifies the caller's bearer token: the refusal to answer, or `undefined` when it is accepted. */
export type TokenVerifier<Exchange> = (exchange: Exchange) => Promise<RestResponse | undefined>;

export interface RestApiOptions<Exchange> {
  /**
   * Verifies the token of a secured operation whose request failed validation, so that a bad,
   * expired or revoked token answers 401 before any 422, as FastAPI resolves its security
   * dependency first. Valid requests never wait for it: their token is verified downstream.
   */
  readonly verifyToken?: TokenVerifier<Exchange>;
  /**
   * The exchange an operation without security (login, refresh, revoke, hello) runs with: as in
   * FastAPI, a bearer token the caller happens to send is none of its business, so a stale one
   * must not turn a login into a 401.
   */
  readonly publicExchange?: (exchange: Exchange) => Exchange;
}

export interface RestApi<Exchange> {
  handle(request: Request, exchange: Exchange): Promise<RestResponse>;
  /** operationId → handler kind, for checks */
  readonly operations: ReadonlyMap<string, 'implemented' | 'not_implemented'>;
}

/**
 * openapi-backend over the REST contract. Order per request: route (404/405) → bearer token
 * present on secured operations (401) → validation of implemented operations (422; on a secured
 * operation only once `verifyToken` accepted the token, else its 401) → a NUL character in any string
 * or a JSON number too large for a double (422 at its loc, after the same token check) → handler (operations not built yet answer 501).
 */
export async function createRestApi<Exchange>(
  definition: Document,
  implemented: ReadonlySet<string>,
  handle: OperationHandler<Exchange>,
  options: RestApiOptions<Exchange> = {},
): Promise<RestApi<Exchange>> {
  const api = new OpenAPIBackend({
    // openapi-backend dereferences the object it gets in place
    definition: structuredClone(definition),
    // a 3.1 document fails openapi-backend's 3.0 meta-schema check; the schema tests validate it with a 3.1 validator
    quick: true,
    strict: true,
    // path and query parameters reach the handlers coerced to their schema types
    coerceTypes: true,
    // pydantic reports every error; unknown query parameters are ignored as FastAPI does
    ajvOpts: { allErrors: true, removeAdditional: true, verbose: true },
    customizeAjv: (ajv, _options, validating) => {
      addFormats.default(ajv);
      // date-times and UUIDs as FastAPI reads them (handlers get them in one form: restRequestOf)
      if (validating === ValidationContext.Params || validating === ValidationContext.RequestBody) {
        ajv.addFormat('date-time', { type: 'string', validate: isDateTimeInput });
        ajv.addFormat('uuid', { type: 'string', validate: isUuidInput });
      }
      return ajv;
    },
    validate: (context) => implemented.has(context.operation.operationId ?? ''),
    securityHandlers: {
      OAuth2PasswordBearer: (context) => bearerTokenOf(context.request.headers.authorization) !== undefined,
    },
    handlers: {
      notFound: () => routeNotFound,
      methodNotAllowed: () => methodNotAllowed,
      unauthorizedHandler: () => unauthenticated(),
      validationFail: async (context: Context, exchange: Exchange) => {
        const secured = (context.operation.security ?? []).length > 0;
        const refusal = secured && options.verifyToken ? await options.verifyToken(exchange) : undefined;
        return refusal ?? validationFailed(toValidationDetails(context.validation.errors ?? []));
      },
    },
  });
  await api.init();
  // routing from a prebuilt index instead of the operation list upstream rebuilds on every request
  indexOperations(api.router);
  // path, query and body values as FastAPI reads them (date-times, UUIDs, booleans, numbers)
  readInputsAsFastApi(api.router);

  const operations = new Map<string, 'implemented' | 'not_implemented'>();
  for (const operation of api.getOperations()) {
    const operationId = operation.operationId;
    if (!operationId) throw new Error(`${operation.method.toUpperCase()} ${operation.path} has no operationId`);
    if (implemented.has(operationId)) {
      const secured = (operation.security ?? []).length > 0;
      const exchangeOf = secured || !options.publicExchange ? (exchange: Exchange) => exchange : options.publicExchange;
      api.register(operationId, async (context: Context, exchange: Exchange) => {
        // a NUL character in any string, or a number too large for a double, is refused here, once,
        // for every operation (FastAPI-style 422 at its loc)
        const refused = refusedValueDetails(context.request);
        if (refused.length > 0) {
          const refusal = secured && options.verifyToken ? await options.verifyToken(exchange) : undefined;
          return refusal ?? validationFailed(refused);
        }
        return handle(operationId, restRequestOf(context), exchangeOf(exchange));
      });
      operations.set(operationId, 'implemented');
    } else {
      api.register(operationId, () => notImplemented(`${operationId} is not available yet`));
      operations.set(operationId, 'not_implemented');
    }
  }
  const unknown = [...implemented].filter((id) => !operations.has(id));
  if (unknown.length > 0) throw new Error(`handlers for operations the contract does not have: ${unknown.join(', ')}`);

  // the query as FastAPI reads it (query-string.ts), not as openapi-backend's qs would (brackets, repeated names)
  const parseQuery = queryParser(definition);
  return {
    operations,
    handle: (request, exchange) => {
      if (typeof request.query === 'object') return api.handleRequest(request, exchange) as Promise<RestResponse>;
      const query = parseQuery(request.query ?? request.path.split('?')[1] ?? '');
      return api.handleRequest({ ...request, query }, exchange) as Promise<RestResponse>;
    },
  };
}

/** The handlers' request: parameters coerced to their types, the body (inputs read as FastAPI reads them: input-values.ts). */
function restRequestOf(context: Context): RestRequest {
  const coerced = context.validation?.coerced as
    { params?: Record<string, unknown>; query?: Record<string, unknown> } | undefined;
  return {
    params: coerced?.params ?? context.request.params,
    query: coerced?.query ?? context.request.query,
    body: context.request.requestBody,
  };
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerTokenOf(header: unknown): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match?.[1];
}
