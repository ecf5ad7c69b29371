import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ForbiddenError, pgliteOf } from '@argus/core';
import { openIdentity, PASSWORD, rejection, type Identity } from '../../test/fixtures.js';

const CHANNEL = 'identity_viewer_changes';

let id: Identity;
let organizationId: number;
const notices: string[] = [];
let stopListening: () => Promise<unknown>;

/** Identity's change notices as another part sees them: in-process on PGlite, LISTEN on a server. */
async function listen(): Promise<() => Promise<unknown>> {
  const pglite = pgliteOf(id.database);
  if (pglite) return pglite.listen(CHANNEL, (payload) => notices.push(payload));
  const client = new pg.Client({ connectionString: id.database.url });
  await client.connect();
  client.on('notification', (message) => notices.push(message.payload ?? ''));
  await client.query(`listen ${CHANNEL}`);
  return () => client.end();
}

beforeAll(async () => {
  id = await openIdentity();
  organizationId = (await id.organization()).id;
  stopListening = await listen();
});
afterAll(async () => {
  await stopListening?.();
  await id?.close();
});

const jtiOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { jti: string }).jti;

/** The notices sent from now on until `expected` has arrived (on a server they come asynchronously). */
async function noticesOf(write: () => Promise<unknown>, expected: string[]): Promise<string[]> {
  const from = notices.length;
  await write();
  await vi.waitFor(() => expect(notices.slice(from)).toEqual(expect.arrayContaining(expected)), { timeout: 2_000 });
  return notices.slice(from);
}

describe('change notices', () => {
  it('names the access token that is revoked, alone or with its login', async () => {
    const { row } = await id.user({ organizationId });
    const single = await id.services.tokens.login({ username: row.email, password: PASSWORD });
    const access = jtiOf(single.accessToken);
    expect(await noticesOf(() => id.services.tokens.revoke(single.accessToken, null), [`token:${access}`])).toEqual([
      `token:${access}`,
    ]);
    const login = await id.services.tokens.login({ username: row.email, password: PASSWORD });
    const family = jtiOf(login.accessToken);
    await noticesOf(() => id.services.tokens.revoke(login.refreshToken, 'refresh_token'), [`token:${family}`]);
  });

  it('names the user whose role or group changes, or who is deleted with their tokens', async () => {
    const { row } = await id.user({ organizationId, role: 'operator' });
    const group = await id.group(organizationId);
    await noticesOf(() => id.services.groups.addMembers(id.admin, group.id, [row.id]), [`user:${row.id}`]);
    await noticesOf(
      () => id.db.updateTable('users').set({ role_id: id.roles.viewer }).where('id', '=', row.id).execute(),
      [`user:${row.id}`],
    );
    const { accessToken } = await id.services.tokens.login({ username: row.email, password: PASSWORD });
    await noticesOf(
      () => id.services.users.delete(id.admin, row.id),
      [`user:${row.id}`, `token:${jtiOf(accessToken)}`],
    );
  });

  it("names the role whose permissions change; a change of a user's name sends nothing", async () => {
    const role = await id.services.roles.create(id.admin, { name: `notices-${Date.now()}`, description: '' });
    await noticesOf(() => id.services.roles.grant(id.admin, role.id, 'user_read'), [`role:${role.id}`]);
    const { row } = await id.user({ organizationId });
    const from = notices.length;
    await id.db.updateTable('users').set({ first_name: 'Renamed' }).where('id', '=', row.id).execute();
    await noticesOf(() => id.services.roles.grant(id.admin, role.id, 'user_me_read'), [`role:${role.id}`]);
    expect(notices.slice(from)).toEqual([`role:${role.id}`]);
  });
});

describe('the viewer in one statement', () => {
  it('reads the user, their organization and group as the separate reads do', async () => {
    const group = await id.group(organizationId);
    const grouped = await id.user({ organizationId, role: 'operator', groupId: group.id });
    const profile = await id.services.viewers.me(grouped.viewer);
    expect(profile.user).toEqual((await id.services.users.findByIds([grouped.row.id]))[0]);
    expect(profile.organization).toEqual((await id.services.organizations.findByIds([organizationId]))[0]);
    expect(profile.group).toEqual((await id.services.groups.findByIds([group.id]))[0]);
    const alone = await id.user({ organizationId, role: 'operator' });
    expect((await id.services.viewers.me(alone.viewer)).group).toBeUndefined();
  });

  it('needs the user_me_read permission', async () => {
    const role = await id.services.roles.create(id.admin, { name: `no-me-${Date.now()}`, description: '' });
    const { viewer } = await id.user({ organizationId, role: role.id });
    expect(await rejection(id.services.viewers.me(viewer))).toBeInstanceOf(ForbiddenError);
  });
});
