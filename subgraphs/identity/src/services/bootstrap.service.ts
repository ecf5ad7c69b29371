import { randomBytes } from 'node:crypto';
import { PERMISSIONS, type Logger, type Permission } from '@argus/core';
import type { OrganizationRepository } from '../repositories/organization.repository.js';
import type { RoleRepository } from '../repositories/role.repository.js';
import type { UserRepository } from '../repositories/user.repository.js';
import { hashPassword } from './password.js';

const READ_ONLY = PERMISSIONS.filter(
  (p) => /_read$/.test(p) || p === 'search_face' || p === 'search_plate' || p === 'user_me_update',
);
const OPERATOR = [
  ...READ_ONLY,
  'videoclip_create',
  'videoclip_delete',
  'onvif_update',
  'upload_create',
  'upload_meta_read',
] as Permission[];

/** The internal roles every installation starts with. */
export const INTERNAL_ROLES: { name: string; description: string; permissions: readonly Permission[] }[] = [
  { name: 'administrator', description: 'Manages everything in an organization', permissions: PERMISSIONS },
  { name: 'operator', description: 'Watches cameras, exports clips and searches events', permissions: OPERATOR },
  { name: 'viewer', description: 'Reads everything, changes nothing', permissions: READ_ONLY as Permission[] },
];

export interface FirstStart {
  /** set when this start created the superuser */
  readonly createdAdmin?: { email: string; password: string; generated: boolean };
}

/** Creates the internal organization, the internal roles and the first superuser, once. */
export class BootstrapService {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly roles: RoleRepository,
    private readonly users: UserRepository,
    private readonly logger: Logger,
  ) {}

  async run(admin: { email: string; password?: string }): Promise<FirstStart> {
    const organization =
      (await this.organizations.findInternal()) ??
      (await this.organizations.create({
        name: 'Argus',
        description: 'Internal organization of the superusers',
        logo_id: null,
        is_internal: true,
      }));
    let adminRoleId = 0;
    for (const spec of INTERNAL_ROLES) {
      const role =
        (await this.roles.findByName(spec.name)) ??
        (await this.roles.create({ name: spec.name, description: spec.description, is_internal: true }));
      if (role.is_internal) await this.roles.grantAll(role.id, spec.permissions);
      if (spec.name === 'administrator') adminRoleId = role.id;
    }
    if ((await this.users.count()) > 0) return {};
    const generated = !admin.password;
    const password = admin.password ?? randomBytes(12).toString('base64url');
    await this.users.create({
      organization_id: organization.id,
      role_id: adminRoleId,
      email: admin.email,
      password_hash: await hashPassword(password),
      first_name: 'Argus',
      last_name: 'Administrator',
      avatar_id: null,
      is_superuser: true,
    });
    this.logger.info({ email: admin.email }, 'created the first superuser');
    return { createdAdmin: { email: admin.email, password, generated } };
  }
}
