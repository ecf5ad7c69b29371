import { preparedQuery } from '@argus/core';
import type { IdentityDb } from '../db.js';
import type { GroupRow } from './group.repository.js';
import type { OrganizationRow } from './organization.repository.js';
import { USER_COLUMNS, type UserRow } from './user.repository.js';

/** The signed-in user with their organization and group. */
export interface ViewerProfile {
  readonly user: UserRow;
  readonly organization: OrganizationRow;
  readonly group: GroupRow | undefined;
}

export class ViewerRepository {
  /** Read on every request: built and compiled once. */
  private readonly profileRow;

  constructor(db: IdentityDb) {
    this.profileRow = preparedQuery(db, (userId: number) => profileQuery(db, userId));
  }

  /** A user, their organization and their group (a user is in one at most), in one statement. */
  async profile(userId: number): Promise<ViewerProfile | undefined> {
    const [row] = await this.profileRow(userId);
    if (!row) return undefined;
    const { organization_name, organization_description, organization_logo_id, organization_is_internal } = row;
    const { group_id, group_organization_id, group_name, group_description, group_is_internal } = row;
    return {
      user: {
        id: row.id,
        organization_id: row.organization_id,
        role_id: row.role_id,
        email: row.email,
        first_name: row.first_name,
        last_name: row.last_name,
        avatar_id: row.avatar_id,
        is_superuser: row.is_superuser,
        created_at: row.created_at,
        updated_at: row.updated_at,
      },
      organization: {
        id: row.organization_id,
        name: organization_name,
        description: organization_description,
        logo_id: organization_logo_id,
        is_internal: organization_is_internal,
        created_at: row.organization_created_at,
      },
      group:
        group_id === null || group_organization_id === null || group_name === null
          ? undefined
          : {
              id: group_id,
              organization_id: group_organization_id,
              name: group_name,
              description: group_description ?? '',
              is_internal: group_is_internal ?? false,
              created_at: row.group_created_at!,
            },
    };
  }
}

function profileQuery(db: IdentityDb, userId: number) {
  return db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .leftJoin('group_members', 'group_members.user_id', 'users.id')
    .leftJoin('groups', 'groups.id', 'group_members.group_id')
    .select([
      ...USER_COLUMNS,
      'organizations.name as organization_name',
      'organizations.description as organization_description',
      'organizations.logo_id as organization_logo_id',
      'organizations.is_internal as organization_is_internal',
      'organizations.created_at as organization_created_at',
      'groups.id as group_id',
      'groups.organization_id as group_organization_id',
      'groups.name as group_name',
      'groups.description as group_description',
      'groups.is_internal as group_is_internal',
      'groups.created_at as group_created_at',
    ])
    .where('users.id', '=', userId);
}
