import addFormats from 'ajv-formats';
import {
  OpenAPIBackend,
  ValidationContext,
  type Context,
  type Document,
  type Operation,
  type Request,
} from 'openapi-backend';
import type { RestRequest } from '../handlers/operation.js';
import {
  methodNotAllowed,
  notImplemented,
  routeNotFound,
  unauthenticated,
  validationFailed,
  type RestResponse,
} from '../http/rest-response.js';
import { nulCharacterDetails } from './nul-characters.js';
import { indexOperations } from './operation-index.js';
import { booleanQueryNormaliser } from './boolean-query.js';
import { isDateTimeInput, toRfc3339 } from './date-time-input.js';
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
 * (422 at its loc, after the same token check) → handler (operations not built yet answer 501).
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
      // date-times as FastAPI reads them (handlers get them as RFC 3339: restRequestOf)
      if (validating === ValidationContext.Params || validating === ValidationContext.RequestBody)
        ajv.addFormat('date-time', { type: 'string', validate: isDateTimeInput });
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

  const operations = new Map<string, 'implemented' | 'not_implemented'>();
  for (const operation of api.getOperations()) {
    const operationId = operation.operationId;
    if (!operationId) throw new Error(`${operation.method.toUpperCase()} ${operation.path} has no operationId`);
    if (implemented.has(operationId)) {
      const secured = (operation.security ?? []).length > 0;
      const exchangeOf = secured || !options.publicExchange ? (exchange: Exchange) => exchange : options.publicExchange;
      const dateTimes = dateTimeInputsOf(operation);
      api.register(operationId, async (context: Context, exchange: Exchange) => {
        // a NUL character in any string is refused here, once, for every operation (FastAPI-style 422 at its loc)
        const nul = nulCharacterDetails(context.request);
        if (nul.length > 0) {
          const refusal = secured && options.verifyToken ? await options.verifyToken(exchange) : undefined;
          return refusal ?? validationFailed(nul);
        }
        return handle(operationId, restRequestOf(context, dateTimes), exchangeOf(exchange));
      });
      operations.set(operationId, 'implemented');
    } else {
      api.register(operationId, () => notImplemented(`${operationId} is not available yet`));
      operations.set(operationId, 'not_implemented');
    }
  }
  const unknown = [...implemented].filter((id) => !operations.has(id));
  if (unknown.length > 0) throw new Error(`handlers for operations the contract does not have: ${unknown.join(', ')}`);

  const booleans = booleanQueryNormaliser(definition);
  return {
    operations,
    handle: (request, exchange) =>
      api.handleRequest(
        typeof request.query === 'string' ? { ...request, query: booleans(request.query) } : request,
        exchange,
      ) as Promise<RestResponse>,
  };
}

/** Where an operation takes date-times: query parameters and top-level properties of its JSON body. */
interface DateTimeInputs {
  readonly query: readonly string[];
  readonly body: readonly string[];
}

function dateTimeInputsOf(operation: Operation): DateTimeInputs {
  const isDateTime = (schema: unknown) => (schema as { format?: string } | undefined)?.format === 'date-time';
  const query = (operation.parameters ?? []).flatMap((parameter) =>
    !('$ref' in parameter) && parameter.in === 'query' && isDateTime(parameter.schema) ? [parameter.name] : [],
  );
  const bodySchema = (operation.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined)
    ?.content?.['application/json']?.schema as { properties?: Record<string, unknown> } | undefined;
  const body = Object.entries(bodySchema?.properties ?? {}).flatMap(([name, schema]) =>
    isDateTime(schema) ? [name] : [],
  );
  return { query, body };
}

/** The handlers' request: coerced parameters, and date-times as RFC 3339 (see date-time-input.ts). */
function restRequestOf(context: Context, dateTimes: DateTimeInputs): RestRequest {
  const coerced = context.validation?.coerced as
    { params?: Record<string, unknown>; query?: Record<string, unknown> } | undefined;
  const query = coerced?.query ?? context.request.query;
  for (const name of dateTimes.query) normaliseDateTime(query, name);
  const body: unknown = context.request.requestBody;
  if (body && typeof body === 'object') {
    for (const name of dateTimes.body) normaliseDateTime(body as Record<string, unknown>, name);
  }
  return { params: coerced?.params ?? context.request.params, query, body };
}

function normaliseDateTime(values: Record<string, unknown>, name: string): void {
  const value = values[name];
  if (typeof value === 'string') values[name] = toRfc3339(value);
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerTokenOf(header: unknown): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match?.[1];
}
