import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import useMeshPrometheus, { createHistogram } from '@graphql-mesh/plugin-prometheus';
import { LATENCY_BUCKETS, type PartMetrics } from '@argus/core';
import { silentGatewayLogger } from './gateway-log.js';

interface SubgraphLabelParams {
  readonly subgraphName: string;
  readonly executionRequest: { readonly operationType?: string };
}

/** Every metric of the gateway's Prometheus plugin but the subgraph ones, which the router's own replace. */
const OFF = [
  'graphql_envelop_deprecated_field',
  'graphql_envelop_request',
  'graphql_envelop_request_duration',
  'graphql_envelop_request_time_summary',
  'graphql_envelop_phase_parse',
  'graphql_envelop_phase_validate',
  'graphql_envelop_phase_context',
  'graphql_envelop_error_result',
  'graphql_envelop_execute_resolver',
  'graphql_envelop_phase_execute',
  'graphql_envelop_phase_subscribe',
  'graphql_envelop_schema_change',
  'graphql_yoga_http_duration',
  'graphql_gateway_fetch_duration',
] as const;

/**
 * Subgraph fetch latency and errors from the Hive gateway's Prometheus plugin
 * (`graphql_gateway_subgraph_execute_duration_seconds{subgraphName, operationType}`,
 * `graphql_gateway_subgraph_execute_errors`), served with the router's metrics. Operation names
 * are left out of their labels (clients choose them); the plugin serves no endpoint of its own.
 */
export function subgraphMetricsPlugin(metrics: PartMetrics): GatewayPlugin {
  const registry = metrics.libraryRegistry();
  return useMeshPrometheus({
    registry,
    endpoint: false,
    log: silentGatewayLogger(),
    labels: { operationName: false },
    metrics: {
      ...Object.fromEntries(OFF.map((name) => [name, false])),
      graphql_gateway_subgraph_execute_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_gateway_subgraph_execute_duration_seconds',
          help: 'Time from a subgraph call to its answer, by subgraph and operation type',
          labelNames: ['subgraphName', 'operationType'],
          buckets: LATENCY_BUCKETS,
        },
        phases: ['subgraphExecute'],
        fillLabelsFn: ({ subgraphName, executionRequest }: SubgraphLabelParams) => ({
          subgraphName,
          operationType: executionRequest.operationType ?? 'query',
        }),
      }),
      graphql_gateway_subgraph_execute_errors: true,
    },
  }) as GatewayPlugin;
}
