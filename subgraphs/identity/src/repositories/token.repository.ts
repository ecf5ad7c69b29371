import { sql, type Selectable } from 'kysely';
import type { IdentityDb, TokenTable } from '../db.js';
import { USER_COLUMNS } from './user.repository.js';

export type TokenRow = Selectable<TokenTable>;
const COLUMNS = ['id', 'user_id', 'kind', 'refresh_token_id', 'expires_at', 'revoked_at', 'created_at'] as const;

export class TokenRepository {
  constructor(private readonly db: IdentityDb) {}

  findById(id: string): Promise<TokenRow | undefined> {
    return this.db.selectFrom('tokens').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  async create(token: {
    id: string;
    user_id: number;
    kind: 'access' | 'refresh';
    refresh_token_id: string | null;
    expires_at: Date;
  }): Promise<void> {
    await this.db.insertInto('tokens').values(token).execute();
  }

  /**
   * An access token with its user, the user's permissions and group, in one statement: every
   * authenticated request (and every router introspection) goes through here.
   */
  findSession(accessTokenId: string) {
    return this.db
      .selectFrom('tokens')
      .innerJoin('users', 'users.id', 'tokens.user_id')
      .select((eb) => [
        'tokens.id as token_id',
        'tokens.kind',
        'tokens.revoked_at',
        ...USER_COLUMNS,
        eb
          .selectFrom('role_permissions')
          .select(sql<string[]>`coalesce(array_agg(permission), '{}')`.as('p'))
          .whereRef('role_permissions.role_id', '=', 'users.role_id')
          .as('permissions'),
        eb
          .selectFrom('group_members')
          .select('group_members.group_id')
          .whereRef('group_members.user_id', '=', 'users.id')
          .as('group_id'),
      ])
      .where('tokens.id', '=', accessTokenId)
      .executeTakeFirst();
  }

  /**
   * Rotates a refresh token: revokes it and points it (`refresh_token_id`) at its successor, in
   * one statement, so a later use of it finds the rest of its family. False when it was already
   * revoked or rotated (e.g. by a concurrent use of the same token).
   */
  async rotate(refreshTokenId: string, successorId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('tokens')
      .set({ revoked_at: sql`now()`, refresh_token_id: successorId })
      .where('id', '=', refreshTokenId)
      .where('kind', '=', 'refresh')
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Moves the tokens under a rotated refresh token (its access tokens and the refresh tokens
   * rotated before it) under its successor, so revoking the successor reaches them.
   */
  async reparent(oldRefreshId: string, newRefreshId: string): Promise<void> {
    await this.db
      .updateTable('tokens')
      .set({ refresh_token_id: newRefreshId })
      .where('refresh_token_id', '=', oldRefreshId)
      .execute();
  }

  /** Revokes one token; false when it was already revoked. */
  async revoke(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('tokens')
      .set({ revoked_at: sql`now()` })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Revokes the whole family of a refresh token, i.e. every token descended from the same login:
   * the token, the refresh tokens that rotated it (its successors, followed through
   * `refresh_token_id` up to the live one) and every token under any of them (their access
   * tokens). False when nothing was left to revoke.
   */
  async revokeFamily(refreshTokenId: string): Promise<boolean> {
    const result = await this.db
      .withRecursive('chain(id)', (db) =>
        db
          .selectFrom('tokens')
          .select('tokens.id')
          .where('tokens.id', '=', refreshTokenId)
          .union(
            db
              .selectFrom('tokens')
              .innerJoin('chain', 'chain.id', 'tokens.id')
              .select('tokens.refresh_token_id as id')
              .where('tokens.kind', '=', 'refresh')
              .where('tokens.refresh_token_id', 'is not', null)
              .$narrowType<{ id: string }>(),
          ),
      )
      .updateTable('tokens')
      .set({ revoked_at: sql`now()` })
      .where('revoked_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('id', 'in', eb.selectFrom('chain').select('chain.id')),
          eb('refresh_token_id', 'in', eb.selectFrom('chain').select('chain.id')),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Revokes every token of a user (password change, deletion). */
  async revokeAllOfUser(userId: number, exceptRefreshId?: string): Promise<void> {
    let query = this.db
      .updateTable('tokens')
      .set({ revoked_at: sql`now()` })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (exceptRefreshId)
      query = query.where((eb) =>
        eb.and([
          eb('id', '!=', exceptRefreshId),
          eb.or([eb('refresh_token_id', 'is', null), eb('refresh_token_id', '!=', exceptRefreshId)]),
        ]),
      );
    await query.execute();
  }

  /** Forgets tokens that expired more than a day ago. */
  async deleteExpired(): Promise<number> {
    const result = await this.db
      .deleteFrom('tokens')
      .where('expires_at', '<', sql<Date>`now() - interval '1 day'`)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
