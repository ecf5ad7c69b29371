import { expect } from 'vitest';
import { expectSpec, type RestResult, type TestStack } from '../support/stack.js';

/** Passwords the topology tests write; none may ever come back in a response. */
export const SECRETS = { source: 'S3cret-src-pw', onvif: 'S3cret-onvif-pw' } as const;

/** Metres per degree of latitude on the sphere the geo filter uses (R = 6 371 008.8 m). */
export const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;

export const square = [
  { x: 0.1, y: 0.1 },
  { x: 0.9, y: 0.1 },
  { x: 0.9, y: 0.9 },
  { x: 0.1, y: 0.9 },
];

/** A camera body with every documented setting (CAMERA_SETTINGS.md). */
export function fullCamera(placeId: number, name = 'Gate camera'): Record<string, unknown> {
  return {
    name,
    place_id: placeId,
    source: { url: 'rtsp://10.1.2.3:554/stream1', username: 'admin', password: SECRETS.source, transport: 'udp' },
    video_analytics: {
      fps: 5,
      face: { enabled: true, min_confidence: 0.7 },
      plate: { enabled: false },
      motion: { enabled: true, regions: [{ name: 'Gate', polygon: square }] },
      line_crossing: {
        enabled: true,
        lines: [{ name: 'Door', start: { x: 0, y: 0.5 }, end: { x: 1, y: 0.5 }, direction: 'left_to_right' }],
      },
    },
    video_storage: { enabled: true, retention_days: 30 },
    video_streaming: { enabled: true },
    ptz: { enabled: false },
    onvif_host: '10.1.2.3',
    onvif_port: 8080,
    onvif_login: 'onvif',
    onvif_password: SECRETS.onvif,
    scheduler_group: 'east',
    scheduler_tags: ['gpu', 'lpr'],
  };
}

/** Fails when a response carries a password or the `onvif_password` field. */
export function expectNoSecrets(res: RestResult | { body: unknown }): void {
  const text = JSON.stringify(res.body);
  expect(text).not.toContain(SECRETS.source);
  expect(text).not.toContain(SECRETS.onvif);
  expect(text).not.toContain('onvif_password');
  expect(text).not.toMatch(/"password"/);
}

export async function createPlace(
  stack: TestStack,
  token: string,
  body: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const res = await stack.rest('POST', '/places', { token, json: { name: stack.unique('Place '), ...body } });
  expectSpec(res, 200);
  return res.body;
}

export async function createCamera(
  stack: TestStack,
  token: string,
  placeId: number,
  body: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const res = await stack.rest('POST', '/cameras', {
    token,
    json: { name: stack.unique('Cam '), place_id: placeId, source: { url: 'rtsp://cam.local/1' }, ...body },
  });
  expectSpec(res, 200);
  expectNoSecrets(res);
  return res.body;
}

/** Follows `pagination.cursor` until it is null; every page but the last is full. */
export async function walkPages(
  stack: TestStack,
  token: string,
  request: { method?: string; path: string; key: string; json?: unknown; query?: Record<string, any> },
  limit = 10,
): Promise<{ ids: (number | string)[]; pages: number }> {
  const ids: (number | string)[] = [];
  let cursor: string | undefined;
  for (let pages = 1; pages <= 100; pages += 1) {
    const res = await stack.rest(request.method ?? 'GET', request.path, {
      token,
      json: request.json,
      query: { ...request.query, limit, cursor },
    });
    expectSpec(res, 200);
    const items = res.body[request.key] as { id: number | string }[];
    ids.push(...items.map((item) => item.id));
    cursor = res.body.pagination.cursor ?? undefined;
    if (cursor === undefined) return { ids, pages };
    expect(items).toHaveLength(limit);
  }
  throw new Error('the cursor never ended');
}

/** The action types of the audit entries of an organization, optionally of some types only. */
export async function auditActions(
  stack: TestStack,
  organizationId: number,
  actionTypes: string[],
): Promise<Record<string, any>[]> {
  const res = await stack.rest('GET', '/auditlogs', {
    token: stack.adminToken,
    query: { organization_id: organizationId, action_types: actionTypes, limit: 1000 },
  });
  expectSpec(res, 200);
  return res.body.auditlogs;
}

/** A 1×1 PNG: the floor plan image. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** An upload of kind `plan` (REST 25.1). */
export async function planImage(stack: TestStack, token: string): Promise<string> {
  const res = await stack.upload(token, 'plan', PNG, 'plan.png');
  expectSpec(res, 200);
  return res.body.uploads[0]!.id;
}
