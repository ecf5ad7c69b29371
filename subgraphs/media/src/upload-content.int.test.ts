import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMedia, type Caller, type MediaHarness } from '../test/harness.js';

const PNG = readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/faces/astronaut.png'));
const ETAG = `"${createHash('sha256').update(PNG).digest('hex')}"`;

let h: MediaHarness;
let owner: Caller;
let colleague: Caller;
let stranger: Caller;
let id: string;

beforeAll(async () => {
  h = await startMedia();
  const organizationId = await h.organization();
  owner = await h.user({ organizationId });
  colleague = await h.user({ organizationId, role: 'viewer' });
  stranger = await h.user({ organizationId: await h.organization() });
  id = (await (await owner.upload('plan', PNG)).json()).uploads[0].id;
});
afterAll(() => h?.stop());

const content = (caller: Caller, headers: Record<string, string> = {}, method = 'GET') =>
  caller.http(`/uploads/${id}/content`, { method, headers });

describe('GET /uploads/{id}/content', () => {
  it('serves the bytes unchanged with their type, length, ETag and caching headers', async () => {
    const response = await content(colleague);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);
    expect(
      Object.fromEntries(
        ['content-type', 'content-length', 'etag', 'accept-ranges', 'cache-control', 'x-content-type-options'].map(
          (n) => [n, response.headers.get(n)],
        ),
      ),
    ).toEqual({
      'content-type': 'image/png',
      'content-length': String(PNG.length),
      etag: ETAG,
      'accept-ranges': 'bytes',
      'cache-control': 'private, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    });
  });

  it('answers 304 when the client holds the same version', async () => {
    const response = await content(owner, { 'if-none-match': ETAG });
    expect(response.status).toBe(304);
    expect(response.headers.get('etag')).toBe(ETAG);
    expect(await response.text()).toBe('');
    expect((await content(owner, { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('serves byte ranges (206) and refuses ranges beyond the end (416)', async () => {
    const first = await content(owner, { range: 'bytes=0-99' });
    expect(first.status).toBe(206);
    expect(first.headers.get('content-range')).toBe(`bytes 0-99/${PNG.length}`);
    expect(first.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await first.arrayBuffer()).equals(PNG.subarray(0, 100))).toBe(true);

    const tail = await content(owner, { range: 'bytes=-10' });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(PNG.subarray(PNG.length - 10))).toBe(true);

    const open = await content(owner, { range: `bytes=${PNG.length - 5}-` });
    expect(open.headers.get('content-range')).toBe(`bytes ${PNG.length - 5}-${PNG.length - 1}/${PNG.length}`);

    const beyond = await content(owner, { range: `bytes=${PNG.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${PNG.length}`);

    const several = await content(owner, { range: 'bytes=0-1,5-6' });
    expect(several.status).toBe(200);
    expect(Number(several.headers.get('content-length'))).toBe(PNG.length);
    await several.arrayBuffer();
  });

  it('sends the whole content when If-Range names another version', async () => {
    const stale = await content(owner, { range: 'bytes=0-9', 'if-range': '"older"' });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
    const fresh = await content(owner, { range: 'bytes=0-9', 'if-range': ETAG });
    expect(fresh.status).toBe(206);
    await fresh.arrayBuffer();
  });

  it('answers HEAD with the headers only', async () => {
    const response = await content(owner, {}, 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(PNG.length));
    expect(await response.text()).toBe('');
  });

  it('hides uploads of other organizations and unknown ids (404); superusers see every organization', async () => {
    const foreign = await content(stranger);
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual({ status: 'not_found', status_code: 404, detail: 'Upload not found' });
    expect((await stranger.http('/uploads/00000000-0000-4000-8000-000000000000/content')).status).toBe(404);
    expect((await stranger.http('/uploads/not-a-uuid/content')).status).toBe(404);
    expect((await content(h.admin)).status).toBe(200);
  });

  it('needs a caller with upload_read', async () => {
    expect((await fetch(`${h.baseUrl}/uploads/${id}/content`)).status).toBe(401);
    const blind = await h.user({ organizationId: owner.organizationId, permissions: ['upload_create'] });
    expect((await content(blind)).status).toBe(403);
    expect((await owner.http(`/uploads/${id}/content`, { method: 'DELETE' })).status).toBe(405);
  });
});
