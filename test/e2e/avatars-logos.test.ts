import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody, expectSpec, TestStack, type TestUser } from '../support/stack.js';

/** Avatars (users) and logos (organizations) name uploads of their kind; their URLs serve the upload's content. */

type Member = TestUser & { token: string };

const photo = (name: string) =>
  new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../fixtures/faces', name)));
const JPEG = photo('messi5.jpg');
const PNG = photo('astronaut.png');
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

let stack: TestStack;
let org: { id: number };
let admin: Member;
let stranger: Member;
let operator: Member;
let operator2: Member;
let viewer: Member;

beforeAll(async () => {
  stack = await TestStack.start();
  const [created, other] = await Promise.all([stack.createOrganization(), stack.createOrganization()]);
  org = created;
  [admin, stranger, operator, operator2, viewer] = await Promise.all([
    stack.member(org.id, 'administrator'),
    stack.member(other.id, 'administrator'),
    stack.member(org.id, 'operator'),
    stack.member(org.id, 'operator'),
    stack.member(org.id, 'viewer'),
  ]);
}, 120_000);

afterAll(() => stack?.stop());

async function uploadId(token: string, kind: string, bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const res = await stack.upload(token, kind, bytes, 'image', 'application/octet-stream');
  expectSpec(res, 200);
  return res.body.uploads[0].id;
}

/** GET of a URL the API gave (`/api/v1/uploads/{id}/content`). */
async function fetchUrl(url: string, token: string): Promise<{ status: number; bytes: Buffer; type: string | null }> {
  const response = await fetch(`${stack.restUrl}${url}`, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: response.status,
    bytes: Buffer.from(await response.arrayBuffer()),
    type: response.headers.get('content-type'),
  };
}

function userBody(avatarId: string | null | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const tag = stack.unique('avatar');
  return {
    first_name: 'Ada',
    last_name: tag,
    email: `${tag}@example.com`,
    password: `pw-${tag}-secret`,
    group_ids: [],
    role_id: stack.roles.operator,
    avatar_id: avatarId,
    ...extra,
  };
}

describe('user avatars', () => {
  it('creates and updates users with an avatar whose URL serves the upload', async () => {
    const avatar = await uploadId(admin.token, 'avatar', JPEG);
    const body = userBody(avatar);
    const created = await stack.rest('POST', '/users', { token: admin.token, json: body });
    expectSpec(created, 200);
    expect(created.body).toMatchObject({ avatar_id: avatar, avatar_url: `/api/v1/uploads/${avatar}/content` });
    const userId = created.body.id;

    const read = await stack.rest('GET', `/users/${userId}`, { token: admin.token });
    expectSpec(read, 200);
    expect(read.body).toMatchObject({ avatar_id: avatar, avatar_url: `/api/v1/uploads/${avatar}/content` });
    const members = await stack.rest('GET', `/organizations/${org.id}/members`, {
      token: admin.token,
      query: { limit: 100 },
    });
    expectSpec(members, 200);
    expect(members.body.members.find((u: { id: number }) => u.id === userId)).toMatchObject({
      avatar_url: `/api/v1/uploads/${avatar}/content`,
    });

    // the user signs in and sees their own avatar
    const token = (await stack.login(body.email as string, body.password as string)).access_token;
    const own = await fetchUrl(created.body.avatar_url, token);
    expect(own).toMatchObject({ status: 200, type: 'image/jpeg' });
    expect(own.bytes.equals(Buffer.from(JPEG))).toBe(true);

    const next = await uploadId(admin.token, 'avatar', PNG);
    const { password: _password, ...update } = body;
    const updated = await stack.rest('PUT', `/users/${userId}`, {
      token: admin.token,
      json: { ...update, avatar_id: next },
    });
    expectSpec(updated, 200);
    expect(updated.body).toMatchObject({ avatar_id: next, avatar_url: `/api/v1/uploads/${next}/content` });
    expect(await fetchUrl(updated.body.avatar_url, token)).toMatchObject({ status: 200, type: 'image/png' });

    const cleared = await stack.rest('PUT', `/users/${userId}`, {
      token: admin.token,
      json: { ...update, avatar_id: null },
    });
    expectSpec(cleared, 200);
    expect(cleared.body).toMatchObject({ avatar_id: null, avatar_url: null });
  });

  it("sets the caller's own avatar with PUT /users/me", async () => {
    const me = operator;
    const avatar = await uploadId(me.token, 'avatar', PNG);
    const updated = await stack.rest('PUT', '/users/me', {
      token: me.token,
      json: { first_name: 'Grace', last_name: 'Hopper', avatar_id: avatar },
    });
    expectSpec(updated, 200);
    expect(updated.body).toMatchObject({
      first_name: 'Grace',
      avatar_id: avatar,
      avatar_url: `/api/v1/uploads/${avatar}/content`,
    });
    const read = await stack.rest('GET', '/users/me', { token: me.token });
    expectSpec(read, 200);
    expect(read.body).toMatchObject({ avatar_id: avatar, avatar_url: `/api/v1/uploads/${avatar}/content` });
    const bytes = await fetchUrl(read.body.avatar_url, me.token);
    expect(bytes.status).toBe(200);
    expect(bytes.bytes.equals(Buffer.from(PNG))).toBe(true);
    // the organization's other members see it too
    expect((await fetchUrl(read.body.avatar_url, admin.token)).status).toBe(200);
  });

  it('refuses an avatar that is no avatar upload of the organization (400)', async () => {
    const plan = await uploadId(admin.token, 'plan', PNG);
    const logo = await uploadId(admin.token, 'logo', PNG);
    const foreign = await uploadId(stranger.token, 'avatar', JPEG);
    const me = operator2;
    for (const avatarId of [plan, logo, UNKNOWN, 'not-an-upload', foreign]) {
      const created = await stack.rest('POST', '/users', { token: admin.token, json: userBody(avatarId) });
      expectSpec(created, 400);
      expect(created.body).toEqual({ ...errorBody('invalid_request', 400), detail: 'Provided avatar does not exist' });
      const own = await stack.rest('PUT', '/users/me', {
        token: me.token,
        json: { first_name: 'A', last_name: 'B', avatar_id: avatarId },
      });
      expectSpec(own, 400);
      expect(own.body.detail).toBe('Provided avatar does not exist');
    }
    const { password: _password, ...update } = userBody(null, {
      email: me.email,
      last_name: me.last_name,
      role_id: stack.roles.operator,
    });
    const refused = await stack.rest('PUT', `/users/${me.id}`, {
      token: admin.token,
      json: { ...update, avatar_id: plan },
    });
    expectSpec(refused, 400);
    expect(refused.body.detail).toBe('Provided avatar does not exist');
    // nothing changed
    expect((await stack.rest('GET', '/users/me', { token: me.token })).body).toMatchObject({
      avatar_id: null,
      avatar_url: null,
    });
  });
});

describe('organization logos', () => {
  it('creates and updates organizations with a logo whose URL serves the upload (superuser)', async () => {
    const logo = await uploadId(stack.adminToken, 'logo', PNG);
    const created = await stack.rest('POST', '/organizations', {
      token: stack.adminToken,
      json: { name: stack.unique('Logo org '), description: 'with a logo', logo_id: logo },
    });
    expectSpec(created, 200);
    expect(created.body).toMatchObject({ logo_id: logo, logo_url: `/api/v1/uploads/${logo}/content` });
    const read = await stack.rest('GET', `/organizations/${created.body.id}`, { token: stack.adminToken });
    expectSpec(read, 200);
    expect(read.body).toEqual(created.body);
    const bytes = await fetchUrl(read.body.logo_url, stack.adminToken);
    expect(bytes).toMatchObject({ status: 200, type: 'image/png' });
    expect(bytes.bytes.equals(Buffer.from(PNG))).toBe(true);
    // the logo was uploaded in the superuser's organization; the new organization's members load it all the same
    const member = await stack.member(created.body.id, 'viewer');
    expect((await fetchUrl(read.body.logo_url, member.token)).status).toBe(200);

    const next = await uploadId(stack.adminToken, 'logo', JPEG);
    const updated = await stack.rest('PUT', `/organizations/${created.body.id}`, {
      token: stack.adminToken,
      json: { name: created.body.name, description: 'new logo', logo_id: next },
    });
    expectSpec(updated, 200);
    expect(updated.body).toMatchObject({
      description: 'new logo',
      logo_id: next,
      logo_url: `/api/v1/uploads/${next}/content`,
    });
    expect((await fetchUrl(updated.body.logo_url, stack.adminToken)).type).toBe('image/jpeg');
    const list = await stack.rest('GET', '/organizations', { token: stack.adminToken, query: { limit: 1000 } });
    expectSpec(list, 200);
    expect(list.body.organizations.find((o: { id: number }) => o.id === created.body.id)).toMatchObject({
      logo_url: `/api/v1/uploads/${next}/content`,
    });

    const cleared = await stack.rest('PUT', `/organizations/${created.body.id}`, {
      token: stack.adminToken,
      json: { name: created.body.name, description: 'no logo' },
    });
    expectSpec(cleared, 200);
    expect(cleared.body).toMatchObject({ logo_id: null, logo_url: null });
  });

  it("lets an organization's administrator set its logo, which its members then load", async () => {
    const logo = await uploadId(admin.token, 'logo', JPEG);
    const current = (await stack.rest('GET', `/organizations/${org.id}`, { token: admin.token })).body;
    const updated = await stack.rest('PUT', `/organizations/${org.id}`, {
      token: admin.token,
      json: { name: current.name, description: current.description, logo_id: logo },
    });
    expectSpec(updated, 200);
    expect(updated.body).toMatchObject({ logo_id: logo, logo_url: `/api/v1/uploads/${logo}/content` });
    const seen = await stack.rest('GET', `/organizations/${org.id}`, { token: viewer.token });
    expect(seen.body.logo_url).toBe(`/api/v1/uploads/${logo}/content`);
    const bytes = await fetchUrl(seen.body.logo_url, viewer.token);
    expect(bytes.status).toBe(200);
    expect(bytes.bytes.equals(Buffer.from(JPEG))).toBe(true);
    // avatars and logos are shown wherever their user or organization is: any caller with upload_read may load them
    expect((await fetchUrl(seen.body.logo_url, stranger.token)).status).toBe(200);
  });

  it('refuses a logo that is no logo upload (400)', async () => {
    const avatar = await uploadId(stack.adminToken, 'avatar', JPEG);
    const foreign = await uploadId(stranger.token, 'logo', JPEG);
    for (const logoId of [avatar, UNKNOWN, 'not-an-upload']) {
      const created = await stack.rest('POST', '/organizations', {
        token: stack.adminToken,
        json: { name: stack.unique('Bad logo '), description: 'd', logo_id: logoId },
      });
      expectSpec(created, 400);
      expect(created.body).toEqual({ ...errorBody('invalid_request', 400), detail: 'Provided logo does not exist' });
      const updated = await stack.rest('PUT', `/organizations/${org.id}`, {
        token: stack.adminToken,
        json: { name: 'x', description: 'd', logo_id: logoId },
      });
      expectSpec(updated, 400);
      expect(updated.body.detail).toBe('Provided logo does not exist');
    }
    // an organization's administrator cannot use another organization's upload
    const current = (await stack.rest('GET', `/organizations/${org.id}`, { token: admin.token })).body;
    const refused = await stack.rest('PUT', `/organizations/${org.id}`, {
      token: admin.token,
      json: { name: current.name, description: current.description, logo_id: foreign },
    });
    expectSpec(refused, 400);
    expect(refused.body.detail).toBe('Provided logo does not exist');
    expect((await stack.rest('GET', `/organizations/${org.id}`, { token: admin.token })).body).toEqual(current);
  });
});
