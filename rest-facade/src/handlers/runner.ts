import type { Logger } from '@argus/core';
import type { ForwardedHeaders, GraphqlClient } from '../graphql/client.js';
import type { OperationDocuments } from '../graphql/documents.js';
import { isUnionError, restResponseOfErrors, restResponseOfUnionError } from '../graphql/error-mapping.js';
import { internalError, json, noContent, notFound, type RestResponse } from '../http/rest-response.js';
import type { OperationSpec, RestRequest } from './operation.js';

export interface OperationRunnerDeps {
  readonly client: GraphqlClient;
  readonly documents: OperationDocuments;
}

/**
 * Runs one implemented operation: its document with variables from the request, then the
 * result (or the GraphQL errors) mapped to the REST answer. Transport failures and errors
 * without a known code are logged once and answer 500.
 */
export async function runOperation(
  deps: OperationRunnerDeps,
  operationId: string,
  spec: OperationSpec,
  request: RestRequest,
  headers: ForwardedHeaders,
  logger: Logger,
): Promise<RestResponse> {
  const document = deps.documents.get(operationId);
  if (!document) throw new Error(`no GraphQL document for ${operationId}`);
  const variables = definedOnly(spec.variables?.(request) ?? {});
  const result = await deps.client.execute(document, operationId, variables, headers);
  if (result.errors && result.errors.length > 0) {
    const mapped = restResponseOfErrors(result.errors, { invalidStatus: spec.invalidStatus, operationId, request });
    if (mapped) return mapped;
    logger.error(
      {
        operationId,
        errors: result.errors.map((e) => ({ message: e.message, code: e.extensions?.code, path: e.path })),
      },
      'GraphQL answered an unexpected error',
    );
    return internalError;
  }
  const value = result.data?.[spec.field];
  if (value === null || value === undefined) {
    if (spec.notFound) return notFound(spec.notFound);
    logger.error({ operationId, field: spec.field }, 'GraphQL answered no data');
    return internalError;
  }
  if (isUnionError(value)) return restResponseOfUnionError(value, { invalidStatus: spec.invalidStatus });
  if (spec.noContent) return noContent;
  const answerHeaders = spec.headers?.(value, request);
  const body = spec.toRest(value, request);
  return answerHeaders ? { ...json(body), headers: answerHeaders } : json(body);
}

function definedOnly(variables: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(variables).filter(([, v]) => v !== undefined));
}
