import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { expect } from 'vitest';
import { DOCUMENT } from './contract.js';
import { jpegOf, postReport, putSnapshot, reportOf } from '../../e2e/events-fixtures.js';
import { TestStack, type RestResult, type TestUser } from '../../support/stack.js';

export type Member = TestUser & { token: string };

/** Objects of one organization, addressed by the contract's path parameter names. */
export interface OrgObjects {
  readonly organization: number;
  readonly user: number;
  readonly group: number;
  readonly place: number;
  readonly plan: number;
  readonly camera: string;
  readonly face: number;
  readonly facelist: number;
  readonly plate: number;
  readonly platelist: number;
  readonly planImage: string;
  readonly vehicleImage: string;
  readonly auditlog: string;
  /** a plate recognition event on the camera that matched the plate list (with its snapshot) */
  readonly event: string;
  /** a role every organization shares (viewer) */
  readonly role: number;
}

/**
 * Two organizations: A with one object of every kind (names carry `marker`), B with an
 * administrator holding every permission; callers of A without permissions and with a revoked token.
 */
export interface World {
  readonly stack: TestStack;
  /** in every name and e-mail of organization A's objects: no answer to B may contain it */
  readonly marker: string;
  readonly a: OrgObjects;
  readonly orgB: number;
  /** a user of A whose role holds every permission (not a superuser) */
  readonly broadA: Member;
  /** a user of B whose role holds every permission (not a superuser) */
  readonly adminB: Member;
  /** a user of A whose role holds no permission */
  readonly bareA: Member;
  /** an access token of a user of A, revoked */
  readonly revokedToken: string;
  /** the ids of A's objects that are UUIDs: no answer to B may contain them either */
  readonly uuidsA: readonly string[];
}

const PERMISSIONS: string[] = DOCUMENT.components.schemas.Permission.enum;

/** The keys of the world's stack: events are reported to the media part as an engine signs them. */
export const WORLD_KEYS = {
  ARGUS_INTERNAL_KEY: 'security-world-internal-key-0123456789abcdef',
  ARGUS_TOKEN_SIGNING_KEY: 'security-world-signing-key-0123456789abcdef',
} as const;

export function ok(res: RestResult, what: string): any {
  expect(res.status, `${what}: ${res.method} ${res.path} → ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

/** A role created by the superuser holding exactly these permissions. */
export async function roleWith(stack: TestStack, permissions: readonly string[]): Promise<number> {
  const role = ok(
    await stack.rest('POST', '/roles', {
      token: stack.adminToken,
      json: { name: stack.unique('sec-role-'), description: 'security suite' },
    }),
    'role',
  );
  for (let i = 0; i < permissions.length; i += 12) {
    await Promise.all(
      permissions.slice(i, i + 12).map(async (permission) => {
        ok(
          await stack.rest('POST', '/permissions', { token: stack.adminToken, json: { role_id: role.id, permission } }),
          `grant ${permission}`,
        );
      }),
    );
  }
  return role.id;
}

export async function png(seed: number): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = await sharp({
    create: { width: 16, height: 8, channels: 3, background: { r: seed % 256, g: 90, b: 30 } },
  })
    .png()
    .toBuffer();
  return new Uint8Array(bytes);
}

/** Creates organization A's objects as `member` (a user of A holding every permission). */
export async function populate(
  stack: TestStack,
  member: Member,
  organization: number,
  marker: string,
): Promise<OrgObjects> {
  const token = member.token;
  const post = async (path: string, json: unknown): Promise<any> =>
    ok(await stack.rest('POST', path, { token, json }), path);
  const group = await stack.createGroup(organization, `${marker} group`);
  const user = await stack.createUser({
    organizationId: organization,
    role: 'viewer',
    email: `${marker}.user@example.com`,
    lastName: marker,
  });
  const place = await post('/places', { name: `${marker} place`, description: marker });
  const camera = await post('/cameras', {
    name: `${marker} camera`,
    place_id: place.id,
    source: { url: 'rtsp://cam.local/1' },
  });
  const planImage = ok(await stack.upload(token, 'plan', await png(1), 'plan.png', 'image/png'), 'plan image')
    .uploads[0].id as string;
  const vehicleImage = ok(
    await stack.upload(token, 'vehicle_image', await png(2), 'car.png', 'image/png'),
    'vehicle image',
  ).uploads[0].id as string;
  const plan = await post('/plans', { name: `${marker} plan`, place_id: place.id, image_id: planImage });
  await post(`/plans/${plan.id}/cameras`, { camera_ids: [camera.id] });
  await post(`/groups/${group.id}/places`, { place_ids: [place.id] });
  const face = await post('/faces', { full_name: `${marker} face` });
  const facelist = await post('/facelists', { name: `${marker} facelist` });
  await post(`/facelists/${facelist.id}/faces/${face.id}`, undefined);
  const plate = await post('/plates', { number: `${marker.slice(0, 8)}P` });
  const platelist = await post('/platelists', { name: `${marker} platelist` });
  await post(`/platelists/${platelist.id}/plates/${plate.id}`, undefined);
  const report = reportOf({
    cameraId: camera.id,
    type: 'plate_recognition',
    ts: Date.now() - 600_000,
    plate: plate.number,
  });
  expect(await postReport(stack, WORLD_KEYS.ARGUS_INTERNAL_KEY, report), 'plate event').toBeLessThan(300);
  await putSnapshot(stack, WORLD_KEYS.ARGUS_INTERNAL_KEY, report.eventId, await jpegOf(4));
  const match = await stack.rest('GET', `/eventmatches/${report.eventId}`, {
    token,
    query: { event_type: 'plate_recognition' },
  });
  expect(match.status, `the plate event matched: ${JSON.stringify(match.body)}`).toBe(200);
  const audit = ok(
    await stack.rest('GET', '/auditlogs', {
      token: stack.adminToken,
      query: { organization_id: organization, limit: 10 },
    }),
    'audit',
  );
  return {
    organization,
    user: user.id,
    group: group.id,
    place: place.id,
    plan: plan.id,
    camera: camera.id,
    face: face.id,
    facelist: facelist.id,
    plate: plate.id,
    platelist: platelist.id,
    planImage,
    vehicleImage,
    auditlog: audit.auditlogs[0].id,
    event: report.eventId,
    role: stack.roles.viewer,
  };
}

export async function buildWorld(env: Record<string, string> = {}): Promise<World> {
  const stack = await TestStack.start({ env: { ...WORLD_KEYS, ...env } });
  const marker = `orga${randomBytes(4).toString('hex')}`;
  const [orgA, orgB] = await Promise.all([
    stack.createOrganization(`${marker} organization`),
    stack.createOrganization(),
  ]);
  const [everything, nothing] = await Promise.all([roleWith(stack, PERMISSIONS), roleWith(stack, [])]);
  const [broadA, adminB, bareA, revoked] = await Promise.all([
    stack.member(orgA.id, everything),
    stack.member(orgB.id, everything),
    stack.member(orgA.id, nothing),
    stack.member(orgA.id, 'viewer'),
  ]);
  const revoke = await stack.rest('POST', '/token/revoke', {
    form: { token: revoked.token, token_type_hint: 'access_token' },
  });
  expect(revoke.status, JSON.stringify(revoke.body)).toBe(204);
  const a = await populate(stack, broadA, orgA.id, marker);
  return {
    stack,
    marker,
    a,
    orgB: orgB.id,
    broadA,
    adminB,
    bareA,
    revokedToken: revoked.token,
    uuidsA: [a.camera, a.planImage, a.vehicleImage, a.auditlog, a.event],
  };
}

/** A's marker and those of A's UUIDs an answer shows though the request did not name them (empty when none). */
export function leaks(world: World, body: unknown, request: unknown = ''): string[] {
  const text = JSON.stringify(body ?? null);
  const asked = JSON.stringify(request);
  return [world.marker, ...world.uuidsA].filter((secret) => text.includes(secret) && !asked.includes(secret));
}
