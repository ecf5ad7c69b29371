import { randomUUID } from 'node:crypto';
import { deref, fillPath, sampleOf, type Operation } from './contract.js';
import type { RestResult } from '../../support/stack.js';
import type { OrgObjects } from './world.js';

/** A request built from the contract for one operation. */
export interface BuiltRequest {
  readonly method: string;
  /** under /api/v1, parameters filled in */
  readonly path: string;
  readonly query: Record<string, string | number | boolean | readonly unknown[]>;
  readonly json?: unknown;
  readonly form?: Record<string, string>;
  readonly multipart?: { readonly bytes: Uint8Array<ArrayBuffer>; readonly filename: string; readonly type: string };
  /** where the request names an object of the organization: path, required query parameter, body, or nowhere */
  readonly addresses: 'path' | 'query' | 'body' | 'none';
}

/** Path and query parameters that name an object, and the object they take. */
export const OBJECT_PARAMETERS: Record<string, keyof OrgObjects> = {
  user_id: 'user',
  group_id: 'group',
  place_id: 'place',
  plan_id: 'plan',
  camera_id: 'camera',
  stream_id: 'camera',
  face_id: 'face',
  facelist_id: 'facelist',
  plate_id: 'plate',
  platelist_id: 'platelist',
  upload_id: 'planImage',
  organization_id: 'organization',
  auditlog_id: 'auditlog',
  role_id: 'role',
  event_id: 'event',
};

/** Objects every organization shares or that no fixture holds: never "another organization's". */
const NOT_OWNED = new Set(['role_id', 'videoclip_id', 'username']);

/** Optional query parameters filled in: filters naming an object (organization_id is left out). */
const FILTERS = new Set(['place_id', 'group_id', 'camera_id', 'stream_id']);

/** Body fields that name objects of the organization. */
function bodyReferences(objects: OrgObjects): Record<string, unknown> {
  return {
    place_id: objects.place,
    image_id: objects.planImage,
    camera_id: objects.camera,
    user_ids: [objects.user],
    place_ids: [objects.place],
    camera_ids: [objects.camera],
    image_ids: [objects.planImage],
    vehicle_image_id: objects.vehicleImage,
  };
}

export interface BuildOptions {
  /** put into every name the request writes */
  readonly tag: string;
  /** what search bodies look for */
  readonly search: string;
  /** a PNG for uploads */
  readonly png: Uint8Array<ArrayBuffer>;
  readonly serial: () => number;
}

/** A valid-looking request of the operation naming `objects` wherever it names an object. */
export function buildRequest(operation: Operation, objects: OrgObjects, options: BuildOptions): BuiltRequest {
  let addresses: BuiltRequest['addresses'] = 'none';
  const pathValues: Record<string, string | number> = {};
  const query: Record<string, string | number | boolean | readonly unknown[]> = {};
  for (const parameter of operation.parameters) {
    const kind = OBJECT_PARAMETERS[parameter.name];
    if (parameter.in === 'path') {
      if (kind && !NOT_OWNED.has(parameter.name)) addresses = 'path';
      pathValues[parameter.name] = kind
        ? objects[kind]
        : parameter.name === 'username'
          ? 'admin'
          : randomValue(parameter.schema);
    } else if (parameter.in === 'query' && (parameter.required || (FILTERS.has(parameter.name) && kind))) {
      if (kind && parameter.required && addresses === 'none') addresses = 'query';
      query[parameter.name] = kind ? objects[kind] : queryValue(operation, parameter.name, parameter.schema);
    }
  }
  const built = { method: operation.method, path: fillPath(operation.template, pathValues), query, addresses };
  if (operation.bodyKind === 'multipart')
    return { ...built, multipart: { bytes: options.png, filename: 'plan.png', type: 'image/png' } };
  if (operation.bodyKind === 'form') return { ...built, form: formBody(operation.operationId) };
  if (operation.bodyKind !== 'json') return built;
  const { body, references } = jsonBody(operation, objects, options);
  return { ...built, json: body, addresses: built.addresses === 'none' && references ? 'body' : built.addresses };
}

function randomValue(schema: any): string | number {
  const resolved = deref(schema);
  return resolved?.type === 'integer' ? 2_000_000_000 : randomUUID();
}

function queryValue(operation: Operation, name: string, schema: any): string | number | boolean {
  const resolved = deref(schema);
  if (name === 'ts_from' || name === 'ts_to') {
    const end = name === 'ts_to' ? 0 : 3600;
    return resolved.type === 'integer'
      ? Math.floor(Date.now() / 1000) - end
      : new Date(Date.now() - end * 1000).toISOString();
  }
  if (name === 'kind' && operation.operationId === 'createUpload') return 'plan';
  // the type of the organization's event (OrgObjects.event)
  if (name === 'event_type') return 'plate_recognition';
  return sampleOf(resolved) as string | number | boolean;
}

function formBody(operationId: string): Record<string, string> {
  switch (operationId) {
    case 'createToken':
      return { grant_type: 'password', username: 'nobody@example.com', password: 'not-the-password' };
    case 'refreshToken':
      return { grant_type: 'refresh_token', refresh_token: 'not-a-refresh-token' };
    default:
      return { token: 'not-a-token', token_type_hint: 'access_token' };
  }
}

function jsonBody(
  operation: Operation,
  objects: OrgObjects,
  options: BuildOptions,
): { body: unknown; references: boolean } {
  const body = sampleOf(operation.bodySchema) as Record<string, unknown>;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { body, references: false };
  const properties = Object.keys(deref(operation.bodySchema)?.properties ?? {});
  const references = bodyReferences(objects);
  let refers = false;
  for (const name of properties) {
    if (name in references && (name in body || name === 'vehicle_image_id')) {
      body[name] = references[name];
      refers = true;
    }
  }
  const n = options.serial();
  const strings: Record<string, string> = {
    name: `${options.tag} ${n}`,
    full_name: `${options.tag} ${n}`,
    description: options.tag,
    first_name: options.tag,
    last_name: options.tag,
    email: `${options.tag}.${n}@example.com`,
    password: 'Pw-sec-12345',
    new_password: 'Pw-sec-12345',
    old_password: 'not-the-password',
    query: options.search,
    number: `SEC${n}`,
    rtsp_link: 'rtsp://127.0.0.1:1/probe',
    preset_name: 'home',
    wsdl_url: 'http://127.0.0.1:1/wsdl',
    plate: `SEC${n}`,
  };
  for (const [name, value] of Object.entries(strings)) if (name in body) body[name] = value;
  if (body.source && typeof body.source === 'object')
    body.source = { ...(body.source as object), url: 'rtsp://cam.local/1' };
  if ('group_ids' in body) body.group_ids = [];
  if ('role_id' in body) body.role_id = objects.role;
  if (operation.operationId === 'searchPlateEvents') body.plate = { number: `SEC${n}` };
  if (operation.operationId === 'createVideoClip') {
    body.range_start = new Date(Date.now() - 120_000).toISOString();
    body.range_end = new Date(Date.now() - 60_000).toISOString();
  }
  if (operation.operationId === 'createPermission' || operation.operationId === 'deletePermission') refers = false;
  return { body, references: refers };
}

/** Sends a built request with the bearer token (none when undefined); the body parsed as JSON when it is JSON. */
export async function send(restUrl: string, request: BuiltRequest, token?: string): Promise<RestResult> {
  const url = new URL(`${restUrl}/api/v1${request.path}`);
  for (const [name, value] of Object.entries(request.query)) {
    for (const item of Array.isArray(value) ? value : [value])
      url.searchParams.append(name, typeof item === 'object' ? JSON.stringify(item) : String(item));
  }
  const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  let body: string | FormData | undefined;
  if (request.multipart) {
    body = new FormData();
    body.append(
      'upload_data',
      new Blob([request.multipart.bytes], { type: request.multipart.type }),
      request.multipart.filename,
    );
  } else if (request.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.form).toString();
  } else if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  }
  const response = await fetch(url, { method: request.method, headers, body });
  return {
    method: request.method,
    path: `/api/v1${request.path}`,
    status: response.status,
    headers: response.headers,
    body: await bodyOf(response),
  };
}

/** The parsed JSON body, the text of any other body, undefined when empty. */
export async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  if (!(response.headers.get('content-type') ?? '').includes('json'))
    return `<${response.headers.get('content-type')}: ${text.length} chars>`;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `METHOD /path?query body → status body`, for failure messages and the report. */
export function describe(request: BuiltRequest, res: { status: number; body: unknown }): string {
  const query = new URLSearchParams(
    Object.entries(request.query).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]),
  ).toString();
  const body =
    request.json !== undefined
      ? ` ${JSON.stringify(request.json)}`
      : request.form
        ? ` form ${JSON.stringify(request.form)}`
        : request.multipart
          ? ' multipart'
          : '';
  const answer = JSON.stringify(res.body)?.slice(0, 300);
  return `${request.method} /api/v1${request.path}${query ? `?${query}` : ''}${body} → ${res.status} ${answer}`;
}
