import { sql, type Selectable } from 'kysely';
import type { IdentityDb, TokenTable } from '../db.js';

export type TokenRow = Selectable<TokenTable>;
const COLUMNS = ['id', 'user_id', 'kind', 'refresh_token_id', 'expires_at', 'revoked_at', 'created_at'] as const;

export class TokenRepository {
  constructor(private readonly db: IdentityDb) {}

  findById(id: string): Promise<TokenRow | undefined> {
    return this.db.selectFrom('tokens').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  async create(token: { id: string; user_id: number; kind: 'access' | 'refresh'; refresh_token_id: string | null; expires_at: Date }): Promise<void> {
    await this.db.insertInto('tokens').values(token).execute();
  }

  /** Revokes one token; false when it was already revoked. */
  async revoke(id: string): Promise<boolean> {
    const result = await this.db.updateTable('tokens').set({ revoked_at: sql`now()` }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Revokes a refresh token and every access token issued with it. */
  async revokeFamily(refreshTokenId: string): Promise<void> {
    await this.db.updateTable('tokens').set({ revoked_at: sql`now()` })
      .where((eb) => eb.or([eb('id', '=', refreshTokenId), eb('refresh_token_id', '=', refreshTokenId)]))
      .where('revoked_at', 'is', null).execute();
  }

  /** Revokes every token of a user (password change, deletion). */
  async revokeAllOfUser(userId: number, exceptRefreshId?: string): Promise<void> {
    let query = this.db.updateTable('tokens').set({ revoked_at: sql`now()` }).where('user_id', '=', userId).where('revoked_at', 'is', null);
    if (exceptRefreshId) query = query.where((eb) => eb.and([eb('id', '!=', exceptRefreshId), eb.or([eb('refresh_token_id', 'is', null), eb('refresh_token_id', '!=', exceptRefreshId)])]));
    await query.execute();
  }

  /** Forgets tokens that expired more than a day ago. */
  async deleteExpired(): Promise<number> {
    const result = await this.db.deleteFrom('tokens').where('expires_at', '<', sql<Date>`now() - interval '1 day'`).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
