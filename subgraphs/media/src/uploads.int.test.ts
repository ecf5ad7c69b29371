import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RemoteUploadCatalog, type Viewer } from '@argus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fakeFace,
  KEYS,
  startMedia,
  UPLOAD_MAX_BYTES,
  uploadForm,
  type Caller,
  type MediaHarness,
} from '../test/harness.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/faces');
const JPEG = readFileSync(path.join(FIXTURES, 'messi5.jpg'));
const PNG = readFileSync(path.join(FIXTURES, 'astronaut.png'));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let h: MediaHarness;
let admin: Caller;
let operator: Caller;
let viewer: Caller;

beforeAll(async () => {
  h = await startMedia();
  const organizationId = await h.organization();
  admin = await h.user({ organizationId });
  operator = await h.user({ organizationId, role: 'operator' });
  viewer = await h.user({ organizationId, role: 'viewer' });
});
afterAll(() => h?.stop());

/** Files in the uploads directory (content, not the staging area). */
function storedFiles(): string[] {
  return readdirSync(h.uploadsDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.parentPath.includes('.staging'))
    .map((entry) => entry.name);
}

describe('POST /uploads', () => {
  it('stores a JPEG and a PNG typed by their content', async () => {
    for (const [content, mimeType, kind] of [
      [JPEG, 'image/jpeg', 'avatar'],
      [PNG, 'image/png', 'plan'],
    ] as const) {
      const response = await admin.upload(kind, content, 'whatever.bin');
      expect(response.status).toBe(200);
      const { uploads } = await response.json();
      expect(uploads).toEqual([
        {
          id: expect.stringMatching(UUID),
          kind,
          mime_type: mimeType,
          original_id: null,
          created_at: expect.any(String),
          url: `/api/v1/uploads/${uploads[0].id}/content`,
          meta: null,
        },
      ]);
      expect(storedFiles()).toContain(uploads[0].id);
    }
  });

  it('refuses a text file named .jpg, an empty file and a kind it does not accept', async () => {
    const text = await admin.upload('avatar', 'definitely not an image', 'photo.jpg');
    expect(text.status).toBe(400);
    expect(await text.json()).toEqual({
      status: 'invalid_request',
      status_code: 400,
      detail: expect.stringMatching(/unsupported file type/i),
    });
    const empty = await admin.upload('avatar', '', 'photo.jpg');
    expect(empty.status).toBe(400);
    const svg = await admin.upload(
      'logo',
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      'logo.svg',
    );
    expect(svg.status).toBe(400);
  });

  it('refuses files over the limit, whether or not the length was declared', async () => {
    const oversized = Buffer.concat([JPEG, Buffer.alloc(UPLOAD_MAX_BYTES)]);
    const declared = await admin.upload('avatar', oversized);
    expect(declared.status).toBe(400);
    expect((await declared.json()).detail).toMatch(/too large/);
    const chunked = await admin.http('/uploads?kind=avatar', {
      method: 'POST',
      body: chunkedForm(oversized),
      headers: { 'content-type': 'multipart/form-data; boundary=B' },
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(400);
    expect((await chunked.json()).detail).toMatch(/too large/);
    const exact = await admin.upload('avatar', Buffer.concat([JPEG, Buffer.alloc(UPLOAD_MAX_BYTES - JPEG.length)]));
    expect(exact.status).toBe(200);
  });

  it('answers a missing or unknown kind and a missing file like FastAPI (422)', async () => {
    const missing = await admin.http('/uploads', { method: 'POST', body: uploadForm(JPEG) });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toEqual({
      detail: [{ loc: ['query', 'kind'], msg: 'field required', type: 'value_error.missing' }],
    });
    const unknown = await admin.upload('video', JPEG);
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).detail[0].loc).toEqual(['query', 'kind']);
    const form = new FormData();
    form.append('other', 'x');
    const noFile = await admin.http('/uploads?kind=avatar', { method: 'POST', body: form });
    expect(noFile.status).toBe(422);
    expect((await noFile.json()).detail[0].loc).toEqual(['body', 'upload_data']);
    const notMultipart = await admin.http('/uploads?kind=avatar', {
      method: 'POST',
      body: JPEG,
      headers: { 'content-type': 'image/jpeg' },
    });
    expect(notMultipart.status).toBe(400);
  });

  it('needs a valid token and upload_create', async () => {
    const anonymous = await fetch(`${h.baseUrl}/uploads?kind=avatar`, { method: 'POST', body: uploadForm(JPEG) });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ status: 'token_invalid_credentials', status_code: 401 });
    const badToken = await fetch(`${h.baseUrl}/uploads?kind=avatar`, {
      method: 'POST',
      body: uploadForm(JPEG),
      headers: { authorization: 'Bearer nope' },
    });
    expect(badToken.status).toBe(401);
    const forbidden = await viewer.upload('avatar', JPEG);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ status: 'unauthorized', status_code: 403 });
    expect((await operator.upload('camera_snapshot', JPEG)).status).toBe(200);
  });

  it('writes upload_create to the audit log', async () => {
    const {
      uploads: [upload],
    } = await (await operator.upload('vehicle_image', JPEG)).json();
    const data = await admin.identity(
      '{ auditLogs(actionTypes: [upload_create], first: 100) { nodes { meta user { email } } } }',
    );
    const entry = data.auditLogs.nodes.find((n: { meta: { upload_id: string } }) => n.meta.upload_id === upload.id);
    expect(entry.meta).toEqual({
      upload_id: upload.id,
      kind: 'vehicle_image',
      mime_type: 'image/jpeg',
      size: JPEG.length,
    });
  });
});

describe('face images', () => {
  it('stores the meta of a single face with the upload', async () => {
    h.faces.faces = [fakeFace(10, 20)];
    const { uploads } = await (await admin.upload('face_image', JPEG)).json();
    expect(uploads).toHaveLength(1);
    expect(uploads[0].meta).toEqual(fakeFace(10, 20));
    const stored = await admin.request(
      'query($id: ID!) { upload(id: $id) { meta { detection { rect { xMin yMin xMax yMax } landmarks { x y } score } descriptor { data norm version } } } }',
      { id: uploads[0].id },
    );
    expect(stored.data.upload.meta).toEqual({
      detection: {
        rect: { xMin: 10, yMin: 20, xMax: 110, yMax: 140 },
        landmarks: [
          { x: 40, y: 60 },
          { x: 80, y: 60 },
        ],
        score: 0.98,
      },
      descriptor: fakeFace(10, 20).descriptor,
    });
  });

  it('adds one upload per face when an image has several, and none without a face', async () => {
    h.faces.faces = [fakeFace(0, 0), fakeFace(300, 0)];
    const { uploads } = await (await admin.upload('face_image', JPEG)).json();
    expect(uploads.map((u: { original_id: string | null; meta: unknown }) => [u.original_id, u.meta])).toEqual([
      [null, null],
      [uploads[0].id, fakeFace(0, 0)],
      [uploads[0].id, fakeFace(300, 0)],
    ]);
    const content = await Promise.all(
      uploads.map(async (u: { id: string }) =>
        Buffer.from(await (await admin.http(`/uploads/${u.id}/content`)).arrayBuffer()),
      ),
    );
    expect(content.every((c) => c.equals(JPEG))).toBe(true);
    h.faces.faces = [];
    const none = (await (await admin.upload('face_image', JPEG)).json()).uploads;
    expect(none).toEqual([expect.objectContaining({ original_id: null, meta: null })]);
  });

  it('refuses an image the analyzer cannot read and stores nothing', async () => {
    const before = storedFiles().length;
    h.faces.failure = 'cannot decode image';
    const response = await admin.upload('face_image', JPEG);
    h.faces.failure = undefined;
    expect(response.status).toBe(400);
    expect((await response.json()).detail).toBe('Image cannot be analysed: cannot decode image');
    expect(storedFiles()).toHaveLength(before);
  });

  it('analyses only face images', async () => {
    const calls = h.faces.calls;
    await admin.upload('vehicle_image', JPEG);
    expect(h.faces.calls).toBe(calls);
  });
});

describe('POST /uploads/meta', () => {
  it('answers the meta of every face without storing anything', async () => {
    h.faces.faces = [fakeFace(1, 2), fakeFace(3, 4)];
    const before = storedFiles().length;
    const response = await operator.http('/uploads/meta', { method: 'POST', body: uploadForm(JPEG) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ meta: [fakeFace(1, 2), fakeFace(3, 4)] });
    expect(storedFiles()).toHaveLength(before);
  });

  it('refuses what is not an image, and callers without upload_meta_read', async () => {
    expect((await operator.http('/uploads/meta', { method: 'POST', body: uploadForm('text', 'a.jpg') })).status).toBe(
      400,
    );
    const uploader = await h.user({
      organizationId: admin.organizationId,
      permissions: ['upload_create', 'upload_read'],
    });
    expect((await uploader.http('/uploads/meta', { method: 'POST', body: uploadForm(JPEG) })).status).toBe(403);
    expect((await fetch(`${h.baseUrl}/uploads/meta`, { method: 'POST', body: uploadForm(JPEG) })).status).toBe(401);
  });
});

describe('the uploads catalog of other parts', () => {
  it('knows uploads by id and kind, within the caller organization', async () => {
    const {
      uploads: [plan],
    } = await (await admin.upload('plan', PNG)).json();
    const catalog = new RemoteUploadCatalog(h.graphqlUrl, KEYS.ARGUS_INTERNAL_KEY);
    const member = { userId: 1, organizationId: admin.organizationId, isSuperuser: false } as Viewer;
    const stranger = { ...member, organizationId: admin.organizationId + 1000 };
    const superuser = { ...stranger, isSuperuser: true };
    expect(await catalog.exists(plan.id, 'plan', member)).toBe(true);
    expect(await catalog.exists(plan.id, 'plan')).toBe(true);
    expect(await catalog.exists(plan.id, 'plan', superuser)).toBe(true);
    expect(await catalog.exists(plan.id, 'plan', stranger)).toBe(false);
    expect(await catalog.exists(plan.id, 'avatar', member)).toBe(false);
    expect(await catalog.exists('not-a-uuid', 'plan')).toBe(false);
    expect(await catalog.exists('00000000-0000-4000-8000-000000000000', 'plan')).toBe(false);
    const [record] = await catalog.lookup([plan.id, 'nope'], member);
    expect(record).toMatchObject({
      id: plan.id,
      kind: 'plan',
      mime_type: 'image/png',
      organization_id: admin.organizationId,
      size: PNG.length,
      sha256: createHash('sha256').update(PNG).digest('hex'),
    });
    expect(await catalog.lookup([plan.id], stranger)).toEqual([]);
    expect(await h.app.uploads.exists(plan.id, 'plan', member)).toBe(true);
    expect(await h.app.uploads.exists(plan.id, 'plan', stranger)).toBe(false);
  });

  it('refuses callers without the internal key', async () => {
    const forged = new RemoteUploadCatalog(h.graphqlUrl, 'x'.repeat(40));
    await expect(forged.exists('00000000-0000-4000-8000-000000000000', 'plan')).rejects.toThrow('HTTP 403');
  });
});

/** A multipart body sent in chunks without a declared length. */
function chunkedForm(content: Buffer): ReadableStream<Uint8Array> {
  const head = Buffer.from(
    '--B\r\ncontent-disposition: form-data; name="upload_data"; filename="big.jpg"\r\ncontent-type: image/jpeg\r\n\r\n',
  );
  const tail = Buffer.from('\r\n--B--\r\n');
  const parts = [
    head,
    ...Array.from({ length: Math.ceil(content.length / 65536) }, (_, i) =>
      content.subarray(i * 65536, (i + 1) * 65536),
    ),
    tail,
  ];
  return new ReadableStream({
    pull(controller) {
      const next = parts.shift();
      if (next) controller.enqueue(new Uint8Array(next));
      else controller.close();
    },
  });
}
