import type { Plugin as YogaPlugin } from 'graphql-yoga';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, NoSchemaIntrospectionCustomRule, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/** Bounds every operation must stay within; checked before it runs (README: GRAPHQL_MAX_*). */
export interface OperationLimits {
  /** nested fields (fragments do not count as a level) */
  readonly maxDepth: number;
  readonly maxAliases: number;
  /** lexical tokens of the document */
  readonly maxTokens: number;
  readonly maxDirectives: number;
  /** estimated objects and values: each field costs 1, a page (`first`/`limit`) multiplies what it holds */
  readonly maxCost: number;
}

/** What the GraphQL endpoints of a part expose besides operations, and the limits they enforce. */
export interface GraphqlConfig {
  readonly graphiql: boolean;
  readonly introspection: boolean;
  readonly limits: OperationLimits;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = Object.freeze({
  maxDepth: 15,
  maxAliases: 30,
  maxTokens: 1000,
  maxDirectives: 20,
  maxCost: 25_000_000,
});

/** Fields of an operation once its fragments are expanded; beyond it the cost is not computed but refused. */
const MAX_EXPANDED_FIELDS = 10_000;
export const OPERATION_LIMIT_CODE = 'OPERATION_LIMIT_EXCEEDED';

/** The error of an operation over a limit: HTTP 400, before anything runs. */
export function operationLimitError(message: string): GraphQLError {
  return new GraphQLError(message.replace(/^Syntax Error: /, ''), {
    extensions: { code: OPERATION_LIMIT_CODE, http: { status: 400 } },
  });
}

const rejectWithLimitError = [
  (_context: unknown, error: GraphQLError) => {
    throw operationLimitError(error.message);
  },
];

/**
 * 1 per field; a page (`first`/`limit`/`last`, schema defaults included) or `_entities` (by its
 * representations) multiplies what it holds. The `nodes` list inside a page is not counted again.
 */
const pageEstimator: ComplexityEstimator = ({ type, args, childComplexity }) => {
  const page = [args.first, args.limit, args.last].find((value): value is number => typeof value === 'number');
  const representations = Array.isArray(args.representations) ? args.representations.length : undefined;
  const own = DEVICE_CALL_TYPES.has(type.name) ? DEVICE_CALL_COST : 1;
  return own + Math.max(page ?? representations ?? 1, 1) * childComplexity;
};

/**
 * Types whose every field is a call to a camera (SOAP over the network, up to ONVIF_TIMEOUT_MS):
 * each costs DEVICE_CALL_COST, so with the default budget one operation reads at most ~250 device
 * answers (a page of 20 cameras with all seven `onvif` fields passes, a page of 100 does not).
 */
const DEVICE_CALL_TYPES = new Set(['CameraOnvif']);
const DEVICE_CALL_COST = 100_000;

/**
 * Costs already estimated, by schema, parsed document, operation name and variables. The parsers
 * of the router and the subgraphs cache their documents, so a repeated operation is the same
 * object; a cost is a function of the operation alone (no caller, no data). Each document keeps at
 * most COSTS_PER_DOCUMENT variable sets (then starts afresh), none with variables longer than
 * MAX_KEY_LENGTH characters as JSON (entity calls' representations: estimated each time).
 */
const estimated = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number | undefined>>>();
const COSTS_PER_DOCUMENT = 64;
const MAX_KEY_LENGTH = 1_000;

/**
 * The estimated cost of an operation with its variables: Infinity past MAX_EXPANDED_FIELDS,
 * undefined when the variables do not fit the operation (execution answers that).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables?: Record<string, unknown> | null,
  operationName?: string | null,
): number | undefined {
  const key = costKey(variables, operationName);
  if (key === undefined) return estimateCost(schema, document, variables, operationName);
  let documents = estimated.get(schema);
  if (!documents) estimated.set(schema, (documents = new WeakMap()));
  let costs = documents.get(document);
  if (!costs) documents.set(document, (costs = new Map()));
  if (costs.has(key)) return costs.get(key);
  const cost = estimateCost(schema, document, variables, operationName);
  if (costs.size >= COSTS_PER_DOCUMENT) costs.clear();
  costs.set(key, cost);
  return cost;
}

function costKey(variables: Record<string, unknown> | null | undefined, operationName: string | null | undefined) {
  try {
    const key = `${operationName ?? ''}:${JSON.stringify(variables ?? {})}`;
    return key.length <= MAX_KEY_LENGTH ? key : undefined;
  } catch {
    return undefined;
  }
}

function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName: string | null | undefined,
): number | undefined {
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operationName ?? undefined,
      estimators: [pageEstimator],
      maxQueryNodes: MAX_EXPANDED_FIELDS,
    });
  } catch (error) {
    return error instanceof Error && /maximum allowed number of nodes/.test(error.message) ? Infinity : undefined;
  }
}

/** Refuses an operation whose cost with its variables is over the budget, before execution. */
function costBudgetPlugin(maxCost: number): YogaPlugin {
  const refusal = (args: {
    schema: GraphQLSchema;
    document: DocumentNode;
    variableValues?: unknown;
    operationName?: string | null;
  }) => {
    const cost = operationCost(
      args.schema,
      args.document,
      args.variableValues as Record<string, unknown>,
      args.operationName,
    );
    if (cost === undefined || cost <= maxCost) return undefined;
    const found = Number.isFinite(cost)
      ? `found ${cost}`
      : `more than ${MAX_EXPANDED_FIELDS} fields with fragments expanded`;
    return operationLimitError(`Query cost limit of ${maxCost} exceeded, ${found}.`);
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = refusal(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = refusal(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}

/**
 * An operation over a limit answers HTTP 400 whatever the client accepts: yoga answers parse
 * errors (the token limit is checked while parsing) 200 under `accept: application/json`.
 */
function limitStatusPlugin(): YogaPlugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !('errors' in result) || !result.errors) return;
      const { errors } = result;
      if (!errors.some((e) => e.extensions?.code === OPERATION_LIMIT_CODE)) return;
      setResult({
        ...result,
        errors: errors.map((e) => (e.extensions?.code === OPERATION_LIMIT_CODE ? operationLimitError(e.message) : e)),
      });
    },
  };
}

/** Refuses `__schema` and `__type` (graphql-js's rule) when introspection is off. */
function noIntrospectionPlugin(): YogaPlugin {
  return { onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) };
}

/**
 * The envelop plugins of a GraphQL endpoint (router and subgraphs alike): graphql-armor's depth,
 * alias, token and directive limits while parsing and validating, the cost budget before execution,
 * and without introspection neither `__schema` nor field suggestions that would reveal the schema.
 */
export function operationLimitPlugins(config: Pick<GraphqlConfig, 'introspection' | 'limits'>): YogaPlugin[] {
  const { limits } = config;
  const common = { exposeLimits: true, onReject: rejectWithLimitError };
  const plugins: YogaPlugin[] = [
    limitStatusPlugin(),
    maxTokensPlugin({ ...common, n: limits.maxTokens }) as YogaPlugin,
    maxDepthPlugin({ ...common, n: limits.maxDepth, flattenFragments: true }),
    maxAliasesPlugin({ ...common, n: limits.maxAliases }),
    maxDirectivesPlugin({ ...common, n: limits.maxDirectives }),
    costBudgetPlugin(limits.maxCost),
  ];
  if (!config.introspection) plugins.push(noIntrospectionPlugin(), blockFieldSuggestionsPlugin());
  return plugins;
}
