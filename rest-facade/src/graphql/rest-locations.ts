/**
 * Where a value a subgraph refused sits in the REST request (FastAPI's `loc`), from where it sat
 * in the GraphQL operation's arguments (`extensions.field`), and FastAPI's error `type` from the
 * domain's validation kind (`extensions.kind`, see ValidationKind in @argus/core).
 *
 * The general rules: the `input` argument is the REST body (`["input", "onvifPort"]` →
 * `["body", "onvif_port"]`); `first` and `after` are the `limit` and `cursor` query parameters;
 * any other argument is the path, query or body value of its snake_case name (where the request
 * holds it; otherwise the body when there is one, else the query); names are snake_case and list
 * indices integers. Operations whose REST request names or places values otherwise list their
 * exceptions in REST_LOCATIONS.
 */

export type RestLoc = readonly (string | number)[];

/** What of the REST request tells where an argument came from (the handlers' RestRequest). */
export interface RestRequestShape {
  readonly params?: Readonly<Record<string, unknown>>;
  readonly query?: Readonly<Record<string, unknown>>;
  readonly body?: unknown;
}

/** The operation and request the GraphQL error answers. */
export interface RestLocationContext {
  readonly operationId?: string;
  readonly request?: RestRequestShape;
}

const timeWindow = { from: ['query', 'ts_from'], to: ['query', 'ts_to'] } as const;
const eventList = {
  filter: ['query'],
  'filter.from': timeWindow.from,
  'filter.to': timeWindow.to,
  'filter.cameraId': ['query', 'stream_id'],
  'filter.eventTypes': ['query', 'event_type'],
} as const;
const segments = { ...timeWindow, cameraId: ['query', 'stream_id'] } as const;
const preset = { name: ['body', 'preset_name'] } as const;

/**
 * Per operation: a GraphQL argument path (dot-separated, list indices as numbers) → the REST
 * `loc` it stands for. The longest matching path wins; the segments after it follow the general
 * rules.
 */
export const REST_LOCATIONS: Readonly<Record<string, Readonly<Record<string, RestLoc>>>> = {
  createToken: {
    grantType: ['body', 'grant_type'],
    username: ['body', 'username'],
    password: ['body', 'password'],
  },
  refreshToken: { grantType: ['body', 'grant_type'], refreshToken: ['body', 'refresh_token'] },
  revokeToken: { token: ['body', 'token'], tokenTypeHint: ['body', 'token_type_hint'] },
  listEvents: eventList,
  listEventMatches: eventList,
  getEventsByTypeStats: timeWindow,
  getEventMatchesByPriorityStats: timeWindow,
  getEventsIntensityStats: { ...timeWindow, 'cameraIds.0': ['query', 'stream_id'] },
  listSegments: segments,
  getSegmentsIndex: segments,
  searchPlateEvents: { plate: ['body', 'plate', 'number'] },
  createOnvifPtzPreset: preset,
  deleteOnvifPtzPreset: preset,
  applyOnvifPtzPreset: preset,
  discoverOnvifDevices: { networkInterface: ['query', 'interface'] },
};

/** FastAPI's error type for each validation kind of the domain. */
export const FASTAPI_TYPES: Readonly<Record<string, string>> = {
  invalid: 'value_error',
  missing: 'value_error.missing',
  too_short: 'value_error.any_str.min_length',
  too_long: 'value_error.any_str.max_length',
  too_small: 'value_error.number.not_ge',
  too_large: 'value_error.number.not_le',
  not_positive: 'value_error.number.not_gt',
  out_of_range: 'value_error.number.not_in_range',
  not_a_number: 'type_error.float',
  not_an_integer: 'type_error.integer',
  too_few_items: 'value_error.list.min_items',
  too_many_items: 'value_error.list.max_items',
  not_one_of: 'type_error.enum',
  wrong_format: 'value_error.str.regex',
  not_a_date: 'value_error.date',
  not_an_email: 'value_error.email',
  not_a_uuid: 'type_error.uuid',
  invalid_url: 'value_error.url',
  invalid_url_scheme: 'value_error.url.scheme',
  invalid_url_host: 'value_error.url.host',
};

/** FastAPI's `type` for a validation kind; a kind already in FastAPI's terms is kept, none is `value_error`. */
export function fastApiTypeOf(kind: string | undefined): string {
  if (kind === undefined) return 'value_error';
  return FASTAPI_TYPES[kind] ?? kind;
}

const REST_ROOTS = new Set(['body', 'query', 'path']);

/** The REST `loc` of a GraphQL argument path. */
export function restLocOf(field: readonly (string | number)[], context: RestLocationContext = {}): (string | number)[] {
  const [root, ...rest] = field;
  if (root === undefined) return ['body'];
  // already a REST location (a path under body/query/path, never a GraphQL argument's)
  if (typeof root === 'string' && REST_ROOTS.has(root) && rest.length > 0) return [root, ...rest.map(indexOf)];
  const override = overrideOf(field, context.operationId);
  if (override) return [...override.loc, ...field.slice(override.length).map(restSegment)];
  const tail = rest.map(restSegment);
  if (root === 'input') return ['body', ...tail];
  if (root === 'first') return ['query', 'limit', ...tail];
  if (root === 'after') return ['query', 'cursor', ...tail];
  const name = restSegment(root);
  return [placeOf(String(name), context.request), name, ...tail];
}

function overrideOf(
  field: readonly (string | number)[],
  operationId: string | undefined,
): { loc: RestLoc; length: number } | undefined {
  const locations = operationId === undefined ? undefined : REST_LOCATIONS[operationId];
  if (!locations) return undefined;
  for (let length = field.length; length > 0; length -= 1) {
    const loc = locations[field.slice(0, length).map(String).join('.')];
    if (loc) return { loc, length };
  }
  return undefined;
}

/** Where a top-level argument of this name came from in the request. */
function placeOf(name: string, request: RestRequestShape | undefined): 'path' | 'query' | 'body' {
  if (request?.params && Object.hasOwn(request.params, name)) return 'path';
  if (request?.query && Object.hasOwn(request.query, name)) return 'query';
  const body = request?.body;
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  if (isObject && Object.hasOwn(body, name)) return 'body';
  return isObject ? 'body' : 'query';
}

/** A list index as an integer, a name in snake_case. */
function restSegment(segment: string | number): string | number {
  if (typeof segment === 'number' || /^\d+$/.test(segment)) return Number(segment);
  return segment.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function indexOf(segment: string | number): string | number {
  return typeof segment === 'string' && /^\d+$/.test(segment) ? Number(segment) : segment;
}
