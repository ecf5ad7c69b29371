import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  errorBody,
  expectSpec,
  expectValidation,
  TestStack,
  type RestResult,
  type TestUser,
} from '../support/stack.js';
import { auditActions } from './topology-fixtures.js';

/** Uploads through REST (25.1–25.4) and GraphQL, with the real face analyzer on real photos. */

type Member = TestUser & { token: string };

const photo = (name: string) =>
  new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../fixtures/faces', name)));
const JPEG = photo('messi5.jpg');
const PNG = photo('astronaut.png');
/** below the largest photo (astronaut.png, 791 555 bytes) */
const LIMIT = 800_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

let stack: TestStack;
let org: { id: number };
let admin: Member;
let operator: Member;
let viewer: Member;
let stranger: Member;
/** a role without any permission */
let nobody: Member;
let gif: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  stack = await TestStack.start({ faceAnalysis: true, env: { UPLOAD_MAX_BYTES: String(LIMIT) } });
  const [created, other, role] = await Promise.all([
    stack.createOrganization(),
    stack.createOrganization(),
    stack.rest('POST', '/roles', {
      token: stack.adminToken,
      json: { name: stack.unique('no-uploads-'), description: 'No permissions' },
    }),
  ]);
  expectSpec(role, 200);
  org = created;
  [admin, operator, viewer, stranger, nobody] = await Promise.all([
    stack.member(org.id, 'administrator'),
    stack.member(org.id, 'operator'),
    stack.member(org.id, 'viewer'),
    stack.member(other.id, 'administrator'),
    stack.member(org.id, role.body.id),
  ]);
  gif = new Uint8Array(
    await sharp({ create: { width: 16, height: 16, channels: 3, background: '#3366cc' } })
      .gif()
      .toBuffer(),
  );
}, 120_000);

afterAll(() => stack?.stop());

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** GET/HEAD of /uploads/{id}/content, raw. */
function content(
  token: string | undefined,
  id: string,
  init: { method?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${stack.restUrl}/api/v1/uploads/${id}/content`, {
    method: init.method ?? 'GET',
    headers: { ...init.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

/** A JSON answer as a RestResult, to check it against the contract. */
async function asResult(method: string, apiPath: string, response: Response): Promise<RestResult> {
  const text = await response.text();
  return {
    method,
    path: `/api/v1${apiPath}`,
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

/** POST /uploads/meta (25.4). */
async function uploadMeta(
  token: string | undefined,
  bytes: Uint8Array<ArrayBuffer>,
  field = 'upload_data',
): Promise<RestResult> {
  const form = new FormData();
  form.append(field, new Blob([bytes]), 'photo.jpg');
  const response = await fetch(`${stack.restUrl}/api/v1/uploads/meta`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  return asResult('POST', '/uploads/meta', response);
}

/** The descriptor vector: 512 little-endian float32 of norm 1. */
function descriptorVector(data: string): Float32Array {
  const bytes = Buffer.from(data, 'base64');
  expect(bytes).toHaveLength(512 * 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: 512 }, (_, i) => view.getFloat32(i * 4, true));
}

/** A face's meta as the contract (and the analyzer) shapes it. */
function expectFaceMeta(meta: any): void {
  const { detection, descriptor } = meta;
  expect(detection.rect.x_max).toBeGreaterThan(detection.rect.x_min);
  expect(detection.rect.y_max).toBeGreaterThan(detection.rect.y_min);
  expect(detection.landmarks.length).toBeGreaterThan(0);
  expect(descriptor).toEqual({ data: expect.any(String), norm: expect.any(Number), version: expect.any(String) });
  expect(descriptor.norm).toBeGreaterThan(0);
  const vector = descriptorVector(descriptor.data);
  expect(Math.hypot(...vector)).toBeCloseTo(1, 3);
}

async function uploadRows(): Promise<number> {
  const row = await stack.database.db
    .withSchema('media')
    .selectFrom('uploads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('uploads (25.1, 25.2)', () => {
  it('stores every kind typed by its content, whatever the name and type the client gives, and reads the record back', async () => {
    const cases = [
      ['avatar', JPEG, 'image/jpeg'],
      ['vehicle_image', PNG, 'image/png'],
      ['plan', PNG, 'image/png'],
      ['camera_snapshot', JPEG, 'image/jpeg'],
      ['logo', gif, 'image/gif'],
      ['face_image', JPEG, 'image/jpeg'],
    ] as const;
    for (const [kind, bytes, mimeType] of cases) {
      // the name and the client's type lie: the bytes decide
      const res = await stack.upload(operator.token, kind, bytes, 'picture.txt', 'text/plain');
      expectSpec(res, 200);
      expect(res.body.uploads).toHaveLength(1);
      const [upload] = res.body.uploads;
      expect(upload).toEqual({
        mime_type: mimeType,
        kind,
        original_id: null,
        id: expect.stringMatching(UUID),
        created_at: expect.any(String),
        url: `/api/v1/uploads/${upload.id}/content`,
        meta: kind === 'face_image' ? expect.any(Object) : null,
      });
      expect(Number.isNaN(Date.parse(upload.created_at))).toBe(false);

      const read = await stack.rest('GET', `/uploads/${upload.id}`, { token: viewer.token });
      expectSpec(read, 200);
      expect(read.body).toEqual(upload);
      const bytesBack = await content(viewer.token, upload.id);
      expect(bytesBack.headers.get('content-type')).toBe(mimeType);
      expect(Buffer.from(await bytesBack.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    }
    // the id as FastAPI also takes it: braces, urn:uuid:, upper case, 32 digits
    const [last] = (await stack.upload(operator.token, 'avatar', JPEG, 'a.jpg', 'image/jpeg')).body.uploads;
    for (const spelling of [`{${last.id}}`, `urn:uuid:${last.id}`, last.id.toUpperCase().replaceAll('-', '')]) {
      const bytesBack = await content(viewer.token, encodeURIComponent(spelling));
      expect(bytesBack.status, spelling).toBe(200);
      expect(Buffer.from(await bytesBack.arrayBuffer()).equals(Buffer.from(JPEG)), spelling).toBe(true);
    }
  });

  it('refuses content that is not an image the kind accepts (400)', async () => {
    const text = new TextEncoder().encode('just some text, not a photo\n'.repeat(20));
    const res = await stack.upload(admin.token, 'avatar', text, 'photo.jpg', 'image/jpeg');
    expectSpec(res, 400);
    expect(res.body).toEqual(errorBody('invalid_request', 400));
    expect(res.body.detail).toMatch(/unsupported file type/i);
    // face images are read by the analyzer: no GIF
    const gifFace = await stack.upload(admin.token, 'face_image', gif, 'face.gif', 'image/gif');
    expectSpec(gifFace, 400);
    expect(gifFace.body.detail).toMatch(/image\/gif/);
    const empty = await stack.upload(admin.token, 'avatar', new Uint8Array(0), 'empty.jpg', 'image/jpeg');
    expectSpec(empty, 400);
  });

  it('refuses a file over UPLOAD_MAX_BYTES, declared or streamed, and takes one of exactly the limit', async () => {
    const over = new Uint8Array(LIMIT + 1);
    over.set(JPEG);
    const declared = await stack.upload(admin.token, 'avatar', over, 'big.jpg', 'image/jpeg');
    expectSpec(declared, 400);
    expect(declared.body.detail).toMatch(/too large/i);

    // no Content-Length: the body is chunked and cut one byte past the limit
    const boundary = 'argus-e2e-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="upload_data"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const streamed = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = httpRequest(
        `${stack.restUrl}/api/v1/uploads?kind=avatar`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${admin.token}`,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'transfer-encoding': 'chunked',
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString()) }));
        },
      );
      req.on('error', reject);
      req.write(head);
      for (let offset = 0; offset < over.length; offset += 100_000) req.write(over.subarray(offset, offset + 100_000));
      req.end(tail);
    });
    expect(streamed).toEqual({ status: 400, body: errorBody('invalid_request', 400) });
    expect(streamed.body.detail).toMatch(/too large/i);

    const exact = new Uint8Array(LIMIT);
    exact.set(JPEG);
    const taken = await stack.upload(admin.token, 'avatar', exact, 'exact.jpg', 'image/jpeg');
    expectSpec(taken, 200);
    expect(
      (await content(admin.token, taken.body.uploads[0].id, { method: 'HEAD' })).headers.get('content-length'),
    ).toBe(String(LIMIT));
  });

  it('answers a missing file, a missing or unknown kind and a malformed id like FastAPI (422)', async () => {
    const form = new FormData();
    form.append('note', 'no file here');
    const noFile = await asResult(
      'POST',
      '/uploads',
      await fetch(`${stack.restUrl}/api/v1/uploads?kind=avatar`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin.token}` },
        body: form,
      }),
    );
    expectValidation(noFile, ['body', 'upload_data']);
    expect(noFile.body.detail).toEqual([
      { loc: ['body', 'upload_data'], msg: 'field required', type: 'value_error.missing' },
    ]);

    const badKind = await stack.upload(admin.token, 'video', JPEG);
    expectValidation(badKind, ['query', 'kind']);
    expect(badKind.body.detail[0]).toMatchObject({
      type: 'type_error.enum',
      msg: expect.stringContaining("'face_image'"),
    });
    const noKind = await stack.upload(admin.token, '', JPEG);
    expectValidation(noKind, ['query', 'kind']);

    expectValidation(await uploadMeta(admin.token, JPEG, 'file'), ['body', 'upload_data']);
    expectValidation(await stack.rest('GET', '/uploads/not-a-uuid', { token: admin.token }), ['path', 'upload_id']);
    expectValidation(await asResult('GET', '/uploads/not-a-uuid/content', await content(admin.token, 'not-a-uuid')), [
      'path',
      'upload_id',
    ]);
  });

  it('answers 401 without a token and 403 to a role without upload_create, upload_meta_read or upload_read', async () => {
    const {
      body: {
        uploads: [upload],
      },
    } = await stack.upload(admin.token, 'avatar', JPEG);
    for (const res of [
      await stack.upload(undefined, 'avatar', JPEG),
      await uploadMeta(undefined, JPEG),
      await stack.rest('GET', `/uploads/${upload.id}`),
      await asResult('GET', `/uploads/${upload.id}/content`, await content(undefined, upload.id)),
    ]) {
      expectSpec(res, 401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect((await content(undefined, upload.id, { method: 'HEAD' })).status).toBe(401);

    // viewers read uploads and face meta, but do not upload
    const refused = await stack.upload(viewer.token, 'avatar', JPEG);
    expectSpec(refused, 403);
    expect(refused.body).toEqual(errorBody('unauthorized', 403));
    expectSpec(await stack.rest('GET', `/uploads/${upload.id}`, { token: viewer.token }), 200);
    expectSpec(await uploadMeta(viewer.token, JPEG), 200);

    for (const res of [
      await stack.upload(nobody.token, 'avatar', JPEG),
      await uploadMeta(nobody.token, JPEG),
      await stack.rest('GET', `/uploads/${upload.id}`, { token: nobody.token }),
      await asResult('GET', `/uploads/${upload.id}/content`, await content(nobody.token, upload.id)),
    ]) {
      expectSpec(res, 403);
      expect(res.body).toEqual(errorBody('unauthorized', 403));
    }
  });

  it("hides another organization's uploads (404 for the record and the content), not from superusers", async () => {
    const {
      body: {
        uploads: [upload],
      },
    } = await stack.upload(admin.token, 'plan', PNG);
    for (const id of [upload.id, UNKNOWN]) {
      const record = await stack.rest('GET', `/uploads/${id}`, { token: stranger.token });
      expectSpec(record, 404);
      expect(record.body).toEqual(errorBody('not_found', 404));
      const bytes = await asResult('GET', `/uploads/${id}/content`, await content(stranger.token, id));
      expectSpec(bytes, 404);
      expect(bytes.body).toEqual(errorBody('not_found', 404));
      expect((await content(stranger.token, id, { method: 'HEAD' })).status).toBe(404);
    }
    expectSpec(await stack.rest('GET', `/uploads/${UNKNOWN}`, { token: admin.token }), 404);
    const bySuperuser = await stack.rest('GET', `/uploads/${upload.id}`, { token: stack.adminToken });
    expectSpec(bySuperuser, 200);
    expect(bySuperuser.body).toEqual(upload);
    expect((await content(stack.adminToken, upload.id)).status).toBe(200);
  });

  it('records upload_create in the audit log', async () => {
    const {
      body: {
        uploads: [upload],
      },
    } = await stack.upload(operator.token, 'camera_snapshot', JPEG);
    const entries = await auditActions(stack, org.id, ['upload_create']);
    const entry = entries.find((e) => e.meta?.upload_id === upload.id);
    expect(entry).toMatchObject({ action_type: 'upload_create', user_id: operator.id, organization_id: org.id });
    expect(entry!.meta).toEqual({
      upload_id: upload.id,
      kind: 'camera_snapshot',
      mime_type: 'image/jpeg',
      size: JPEG.length,
    });
  });
});

describe('upload content (25.3)', () => {
  let upload: { id: string };
  let etag: string;

  beforeAll(async () => {
    ({
      body: {
        uploads: [upload],
      },
    } = (await stack.upload(admin.token, 'camera_snapshot', JPEG)) as { body: { uploads: [{ id: string }] } });
    etag = `"${sha256(JPEG)}"`;
  });

  it('serves the bytes with their type, length, ETag and caching headers', async () => {
    const res = await content(viewer.token, upload.id, { headers: { 'x-request-id': 'content-req-1' } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(JPEG))).toBe(true);
    expect(
      Object.fromEntries(
        [
          'content-type',
          'content-length',
          'etag',
          'accept-ranges',
          'cache-control',
          'x-content-type-options',
          'x-request-id',
        ].map((h) => [h, res.headers.get(h)]),
      ),
    ).toEqual({
      'content-type': 'image/jpeg',
      'content-length': String(JPEG.length),
      etag,
      'accept-ranges': 'bytes',
      'cache-control': 'private, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'x-request-id': 'content-req-1',
    });
    expect(Number.isNaN(Date.parse(res.headers.get('last-modified')!))).toBe(false);
  });

  it('answers 304 to a matching If-None-Match and the whole file to another', async () => {
    const same = await content(viewer.token, upload.id, { headers: { 'if-none-match': etag } });
    expect(same.status).toBe(304);
    expect(same.headers.get('etag')).toBe(etag);
    expect(await same.text()).toBe('');
    expect((await content(viewer.token, upload.id, { headers: { 'if-none-match': 'W/"other", *' } })).status).toBe(304);
    const other = await content(viewer.token, upload.id, { headers: { 'if-none-match': '"other"' } });
    expect(other.status).toBe(200);
    expect((await other.arrayBuffer()).byteLength).toBe(JPEG.length);
  });

  it('serves byte ranges (206 with Content-Range), 416 beyond the end, and the whole file when If-Range does not match', async () => {
    const size = JPEG.length;
    for (const [range, start, end] of [
      ['bytes=0-99', 0, 99],
      [`bytes=${size - 10}-`, size - 10, size - 1],
      ['bytes=-5', size - 5, size - 1],
      [`bytes=100-${size + 50}`, 100, size - 1],
    ] as const) {
      const res = await content(viewer.token, upload.id, { headers: { range } });
      expect(res.status, range).toBe(206);
      expect(res.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/${size}`);
      expect(res.headers.get('content-length'), range).toBe(String(end - start + 1));
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(JPEG.subarray(start, end + 1))), range).toBe(true);
    }
    const beyond = await content(viewer.token, upload.id, { headers: { range: `bytes=${size}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${size}`);
    await beyond.arrayBuffer();
    const matching = await content(viewer.token, upload.id, { headers: { range: 'bytes=0-9', 'if-range': etag } });
    expect(matching.status).toBe(206);
    await matching.arrayBuffer();
    const stale = await content(viewer.token, upload.id, { headers: { range: 'bytes=0-9', 'if-range': '"stale"' } });
    expect(stale.status).toBe(200);
    expect((await stale.arrayBuffer()).byteLength).toBe(size);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const head = await content(viewer.token, upload.id, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(JPEG.length));
    expect(head.headers.get('content-type')).toBe('image/jpeg');
    expect(head.headers.get('etag')).toBe(etag);
    expect(await head.text()).toBe('');
    const ranged = await content(viewer.token, upload.id, { method: 'HEAD', headers: { range: 'bytes=0-9' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 0-9/${JPEG.length}`);
  });
});

describe('face images and face meta (25.1, 25.4)', () => {
  it('puts the meta of the one face of a portrait on its upload', async () => {
    const res = await stack.upload(operator.token, 'face_image', PNG, 'portrait.png', 'image/png');
    expectSpec(res, 200);
    expect(res.body.uploads).toHaveLength(1);
    const [upload] = res.body.uploads;
    expect(upload).toMatchObject({ kind: 'face_image', mime_type: 'image/png', original_id: null });
    expectFaceMeta(upload.meta);
    const read = await stack.rest('GET', `/uploads/${upload.id}`, { token: viewer.token });
    expectSpec(read, 200);
    expect(read.body).toEqual(upload);
  });

  it('adds one upload per face of a photo with several faces', async () => {
    const bytes = photo('example.jpg');
    const res = await stack.upload(operator.token, 'face_image', bytes, 'group.jpg', 'image/jpeg');
    expectSpec(res, 200);
    const [file, ...faces] = res.body.uploads;
    expect(file).toMatchObject({ kind: 'face_image', original_id: null, meta: null });
    expect(faces).toHaveLength(3);
    for (const face of faces) {
      expect(face).toMatchObject({
        kind: 'face_image',
        mime_type: 'image/jpeg',
        original_id: file.id,
        url: `/api/v1/uploads/${face.id}/content`,
      });
      expectFaceMeta(face.meta);
      const read = await stack.rest('GET', `/uploads/${face.id}`, { token: viewer.token });
      expectSpec(read, 200);
      expect(read.body).toEqual(face);
    }
    expect(new Set(faces.map((f: { id: string }) => f.id)).size).toBe(3);
    // three different places in the photo
    expect(
      new Set(
        faces.map((f: { meta: { detection: { rect: { x_min: number } } } }) => Math.round(f.meta.detection.rect.x_min)),
      ).size,
    ).toBe(3);
    // every face upload serves the whole photo
    const faceContent = await content(viewer.token, faces[0].id);
    expect(faceContent.headers.get('etag')).toBe(`"${sha256(bytes)}"`);
    expect((await faceContent.arrayBuffer()).byteLength).toBe(bytes.length);

    const [entry] = (await auditActions(stack, org.id, ['upload_create'])).filter((e) => e.meta?.upload_id === file.id);
    expect(entry!.meta).toMatchObject({ kind: 'face_image', face_count: 3 });
  });

  it('answers the meta of every face of a photo without storing anything (25.4)', async () => {
    const before = await uploadRows();
    const res = await uploadMeta(operator.token, photo('facereg.jpg'));
    expectSpec(res, 200);
    expect(res.body.meta).toHaveLength(4);
    for (const meta of res.body.meta) expectFaceMeta(meta);
    const portrait = await uploadMeta(operator.token, photo('230501201_1.jpg'));
    expectSpec(portrait, 200);
    expect(portrait.body.meta).toHaveLength(1);
    const noFace = await uploadMeta(
      operator.token,
      new Uint8Array(
        await sharp({ create: { width: 320, height: 240, channels: 3, background: '#808080' } })
          .png()
          .toBuffer(),
      ),
    );
    expectSpec(noFace, 200);
    expect(noFace.body).toEqual({ meta: [] });
    expect(await uploadRows()).toBe(before);

    const text = await uploadMeta(operator.token, new TextEncoder().encode('not an image at all'));
    expectSpec(text, 400);
    expect(text.body).toEqual(errorBody('invalid_request', 400));
  });

  it('gives the same descriptor for the same face on upload and in 25.4', async () => {
    const bytes = photo('227943776_1.jpg');
    const {
      body: {
        uploads: [upload],
      },
    } = await stack.upload(operator.token, 'face_image', bytes);
    const {
      body: {
        meta: [face],
      },
    } = await uploadMeta(operator.token, bytes);
    expect(face.descriptor).toEqual(upload.meta.descriptor);
    expect(face.detection.rect).toEqual(upload.meta.detection.rect);
  });
});

describe('createUpload through the router (GraphQL multipart request)', () => {
  const CREATE = `mutation createUpload($kind: UploadKind!, $file: File!) {
    createUpload(kind: $kind, file: $file) {
      __typename
      ... on MutationCreateUploadSuccess { data { id kind mimeType size url originalId meta { descriptor { data norm version } } } }
      ... on Error { message }
    }
  }`;

  async function multipart(
    token: string | undefined,
    query: string,
    variables: Record<string, unknown>,
    file: Uint8Array<ArrayBuffer>,
  ): Promise<{ status: number; body: any }> {
    const form = new FormData();
    form.append('operations', JSON.stringify({ query, variables: { ...variables, file: null } }));
    form.append('map', JSON.stringify({ 0: ['variables.file'] }));
    form.append('0', new Blob([file]), 'photo.jpg');
    const response = await fetch(stack.routerUrl, {
      method: 'POST',
      body: form,
      headers: { 'apollo-require-preflight': 'true', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    return { status: response.status, body: await response.json() };
  }

  it('stores a face image the REST API then serves', async () => {
    const created = await multipart(operator.token, CREATE, { kind: 'FACE_IMAGE' }, JPEG);
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data.createUpload.__typename).toBe('MutationCreateUploadSuccess');
    const [upload] = created.body.data.createUpload.data;
    expect(upload).toMatchObject({
      kind: 'FACE_IMAGE',
      mimeType: 'image/jpeg',
      size: JPEG.length,
      url: `/api/v1/uploads/${upload.id}/content`,
      originalId: null,
    });
    expect(descriptorVector(upload.meta.descriptor.data)).toHaveLength(512);

    const read = await stack.rest('GET', `/uploads/${upload.id}`, { token: viewer.token });
    expectSpec(read, 200);
    expect(read.body).toMatchObject({
      id: upload.id,
      kind: 'face_image',
      meta: { descriptor: upload.meta.descriptor },
    });
    const bytes = await content(viewer.token, upload.id);
    expect(Buffer.from(await bytes.arrayBuffer()).equals(Buffer.from(JPEG))).toBe(true);
  });

  it('answers refused content as a typed error, and refuses a caller without a token or the permission', async () => {
    const refused = await multipart(operator.token, CREATE, { kind: 'AVATAR' }, new TextEncoder().encode('plain text'));
    expect(refused.body.data.createUpload).toEqual({
      __typename: 'InvalidRequestError',
      message: expect.stringMatching(/unsupported file type/i),
    });
    const anonymous = await multipart(undefined, CREATE, { kind: 'AVATAR' }, JPEG);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forbidden = await multipart(viewer.token, CREATE, { kind: 'AVATAR' }, JPEG);
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers uploadMeta for a file', async () => {
    const res = await multipart(
      operator.token,
      'query uploadMeta($file: File!) { uploadMeta(file: $file) { detection { rect { xMin } } descriptor { norm } } }',
      {},
      photo('facereg.jpg'),
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.uploadMeta).toHaveLength(4);
  });
});
