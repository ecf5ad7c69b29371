import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
} from 'graphql';
import type { OrgObjects } from './world.js';

/** The composed supergraph (schema/supergraph.graphql), read when the suite runs. */
export const SUPERGRAPH = buildSchema(
  readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8'),
  { assumeValidSDL: true },
);

/** Root fields anyone may call without a token. */
export const PUBLIC_FIELDS = new Set(['hello', 'createToken', 'refreshToken', 'revokeToken']);

/** Root fields taking a `File` (multipart requests): REST 25.1 and 25.4 cover them. */
const FILE_FIELDS = new Set(['createUpload', 'uploadMeta']);

export interface RootField {
  readonly operation: 'query' | 'mutation';
  readonly name: string;
  readonly field: GraphQLField<unknown, unknown>;
}

export const ROOT_FIELDS: readonly RootField[] = (['query', 'mutation'] as const).flatMap((operation) => {
  const type = operation === 'query' ? SUPERGRAPH.getQueryType()! : SUPERGRAPH.getMutationType()!;
  return Object.values(type.getFields())
    .filter((f) => !FILE_FIELDS.has(f.name))
    .map((field) => ({ operation, name: field.name, field }));
});

export const SKIPPED_FIELDS = [...FILE_FIELDS];

export interface BuiltGraphql {
  readonly query: string;
  readonly variables: Record<string, unknown>;
  /** whether an argument names one of the organization's objects (not a shared role, not a filter) */
  readonly addresses: boolean;
}

/** Arguments naming objects, by argument name. */
function objectArguments(objects: OrgObjects): Record<string, unknown> {
  return {
    groupId: objects.group,
    userIds: [objects.user],
    placeIds: [objects.place],
    cameraIds: [objects.camera],
    cameraId: objects.camera,
    planId: objects.plan,
    faceId: objects.face,
    faceListId: objects.facelist,
    plateId: objects.plate,
    plateListId: objects.platelist,
    imageIds: [objects.planImage],
    organizationId: objects.organization,
    placeId: objects.place,
  };
}

/** Optional arguments filled in: filters naming an object. */
const FILTERS = new Set(['placeId', 'groupId', 'cameraId']);

/** The object `id` names, by the root field's name. */
function idOf(field: string, objects: OrgObjects): unknown {
  const noun = field.replace(/^(create|update|delete|add|remove)/, '').toLowerCase();
  const byNoun: Record<string, unknown> = {
    user: objects.user,
    group: objects.group,
    organization: objects.organization,
    role: objects.role,
    camera: objects.camera,
    place: objects.place,
    plan: objects.plan,
    face: objects.face,
    facelist: objects.facelist,
    plate: objects.plate,
    platelist: objects.platelist,
    upload: objects.planImage,
    auditlog: objects.auditlog,
    event: objects.event,
    eventmatch: objects.event,
  };
  return byNoun[noun] ?? randomUUID();
}

export interface GraphqlBuildOptions {
  readonly tag: string;
  readonly serial: () => number;
}

/** A valid request of the root field naming `objects` wherever an argument names an object. */
export function buildGraphql(root: RootField, objects: OrgObjects, options: GraphqlBuildOptions): BuiltGraphql {
  const references = objectArguments(objects);
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const uses: string[] = [];
  let addresses = false;
  for (const arg of root.field.args) {
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (!required && !FILTERS.has(arg.name)) continue;
    let value: unknown;
    if (arg.name === 'id') {
      value = idOf(root.name, objects);
      addresses ||= !/role/i.test(root.name) && !/videoclip/i.test(root.name);
    } else if (arg.name === 'roleId') {
      value = objects.role;
    } else if (arg.name === 'eventType') {
      // the type of the organization's event (OrgObjects.event)
      value = 'PLATE_RECOGNITION';
    } else if (arg.name in references) {
      value = references[arg.name];
      addresses ||= required;
    } else {
      value = valueOf(arg.type, arg.name, objects, options);
    }
    if (isInputObjectType(getNamedType(arg.type)) && JSON.stringify(value).match(/"(placeId|imageId|vehicleImageId)"/))
      addresses = true;
    variables[arg.name] = value;
    declarations.push(`$${arg.name}: ${String(arg.type)}`);
    uses.push(`${arg.name}: $${arg.name}`);
  }
  // only a superuser sets another user's password
  if (root.name === 'updateUser') delete (variables.input as Record<string, unknown>).password;
  const head = declarations.length ? `(${declarations.join(', ')})` : '';
  const call = uses.length ? `(${uses.join(', ')})` : '';
  return {
    query: `${root.operation} Security${head} { ${root.name}${call}${selection(root.field.type, 0)} }`,
    variables,
    addresses,
  };
}

function valueOf(type: GraphQLInputType, name: string, objects: OrgObjects, options: GraphqlBuildOptions): unknown {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) return name === 'groupIds' ? [] : [valueOf(inner.ofType, name, objects, options)];
  const references = objectArguments(objects);
  if (name in references && name !== 'organizationId') return references[name];
  if (name === 'imageId') return objects.planImage;
  if (name === 'vehicleImageId') return objects.vehicleImage;
  if (name === 'roleId') return objects.role;
  if (isEnumType(inner)) return inner.getValues()[0]!.value;
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      // a new user needs a password; other optional fields stay out (a password without a login, say)
      const needed =
        isNonNullType(field.type) ||
        field.name === 'vehicleImageId' ||
        (field.name === 'password' && inner.name === 'UserInput');
      if (needed) value[field.name] = valueOf(field.type, field.name, objects, options);
    }
    return value;
  }
  switch (inner.name) {
    case 'Int':
      return 1;
    case 'Float':
      return 0.5;
    case 'Boolean':
      return false;
    case 'ID':
      return randomUUID();
    case 'DateTime': {
      // windows (`from`) reach back an hour, over the organization's event
      const ago = name.includes('End') || name === 'to' ? 60_000 : name === 'from' ? 3_600_000 : 120_000;
      return new Date(Date.now() - ago).toISOString();
    }
    case 'JSON':
      return {};
    default:
      return stringFor(name, options);
  }
}

function stringFor(name: string, options: GraphqlBuildOptions): string {
  const n = options.serial();
  if (/email/i.test(name)) return `${options.tag}.g${n}@example.com`;
  if (/password/i.test(name)) return 'Pw-sec-12345';
  if (name === 'url') return 'rtsp://cam.local/1';
  if (/url$/i.test(name)) return 'http://127.0.0.1:1/wsdl';
  if (name === 'rtspLink') return 'rtsp://127.0.0.1:1/probe';
  if (name === 'number') return `SECG${n}`;
  return `${options.tag} g${n}`;
}

/** Leaf fields of the type and its objects down to `depth` 2 below the root field. */
function selection(type: GraphQLOutputType, depth: number): string {
  const named: GraphQLNamedType = getNamedType(type);
  if (isLeafType(named)) return '';
  if (isUnionType(named)) {
    return ` { __typename ${named
      .getTypes()
      .map((member) => `... on ${member.name}${selection(member, depth)}`)
      .join(' ')} }`;
  }
  if (!isObjectType(named) && !isInterfaceType(named)) return ' { __typename }';
  const fields = Object.values(named.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type)));
  const parts = ['__typename'];
  for (const field of fields) {
    const inner = getNamedType(field.type);
    if (isLeafType(inner)) parts.push(field.name);
    else if (depth < 2) parts.push(`${field.name}${selection(field.type, depth + 1)}`);
  }
  return ` { ${parts.join(' ')} }`;
}
