import { call, signIn } from './rest.js';

/**
 * The benchmark's data, made through the REST API as a client would: two organizations, two
 * administrators in each (four tokens), and in each organization one place with ten cameras whose
 * names start with the organization's tag, so an answer shows whose data it carries.
 */
export interface BenchUser {
  readonly email: string;
  readonly organizationId: number;
  readonly token: string;
  /** the start of every camera name of the user's organization */
  readonly cameraPrefix: string;
}

export const CAMERAS_PER_ORGANIZATION = 10;

export async function seed(restUrl: string, admin: { email: string; password: string }): Promise<BenchUser[]> {
  const adminToken = await signIn(restUrl, admin.email, admin.password);
  const roles = (await call(restUrl, 'GET', '/roles', adminToken)) as { roles: { id: number; name: string }[] };
  const administrator = roles.roles.find((r) => r.name === 'administrator');
  if (!administrator) throw new Error('no administrator role');
  const users: BenchUser[] = [];
  for (const tag of ['Alpha', 'Bravo']) {
    const body = { name: `Org ${tag}`, description: 'benchmark' };
    const organization = (await call(restUrl, 'POST', '/organizations', adminToken, body)) as { id: number };
    const cameraPrefix = `${tag} cam `;
    for (const n of [1, 2]) {
      const email = `${tag.toLowerCase()}${n}@bench.example.com`;
      const password = `bench-${tag}-${n}-password`;
      await call(restUrl, 'POST', `/users?organization_id=${organization.id}`, adminToken, {
        first_name: tag,
        last_name: `User ${n}`,
        email,
        password,
        group_ids: [],
        role_id: administrator.id,
      });
      const token = await signIn(restUrl, email, password);
      users.push({ email, organizationId: organization.id, token, cameraPrefix });
    }
    const owner = users[users.length - 1]!;
    const place = (await call(restUrl, 'POST', '/places', owner.token, { name: `${tag} site` })) as { id: number };
    for (let i = 1; i <= CAMERAS_PER_ORGANIZATION; i += 1) {
      const camera = { name: `${cameraPrefix}${i}`, place_id: place.id, source: { url: `rtsp://10.0.0.${i}/1` } };
      await call(restUrl, 'POST', '/cameras', owner.token, camera);
    }
  }
  return users;
}
