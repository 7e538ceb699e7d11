import { createHash } from 'node:crypto';
import { AppError, randomBase36 } from '@whdb/core';
import { databaseErrorCode } from '../database/database-errors';
import { Db, runQuery } from '../database/transaction';
import { controlPlaneTable } from '../schema/control-plane-schema';
import { TOKEN_ROLES, TokenRole } from '../schema/token-roles';

const TOKEN_PREFIX = 'whdb_';
/** `last_used_at` is refreshed at most this often, so authenticating is usually a read. */
const LAST_USED_RESOLUTION_SECONDS = 60;

export interface ResolvedToken {
  readonly organizationId: number;
  readonly role: TokenRole;
}

/** SHA-256 (hex) of a token: what we store instead of the token. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** API tokens. Only digests are stored; the plaintext is returned once, by `issue`. */
export class TokenRepository {
  constructor(private readonly db: Db) {}

  /** Issues a token `whdb_<base36 random>` for the organization and returns it (shown once). */
  async issue(organizationId: number, role: TokenRole): Promise<string> {
    if (!TOKEN_ROLES.includes(role)) throw new AppError('invalid_input', `Invalid token role "${role}".`);
    const token = `${TOKEN_PREFIX}${randomBase36(24)}`;
    try {
      await runQuery(this.db, `INSERT INTO ${controlPlaneTable('tokens')} (organization_id, token_digest, role) VALUES ($1, $2, $3)`, [
        organizationId,
        tokenDigest(token),
        role,
      ]);
    } catch (error) {
      if (databaseErrorCode(error) === '23503') throw new AppError('not_found', `Organization ${organizationId} does not exist.`);
      throw error;
    }
    return token;
  }

  /** The organization and role of a token, or null when it is unknown. */
  async resolve(token: string): Promise<ResolvedToken | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const rows = await runQuery<{ id: number; organization_id: number; role: TokenRole; stale: boolean }[]>(
      this.db,
      `SELECT id, organization_id, role,
              (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2)) AS stale
         FROM ${controlPlaneTable('tokens')} WHERE token_digest = $1`,
      [tokenDigest(token), LAST_USED_RESOLUTION_SECONDS],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.stale) await runQuery(this.db, `UPDATE ${controlPlaneTable('tokens')} SET last_used_at = now() WHERE id = $1`, [row.id]);
    return { organizationId: row.organization_id, role: row.role };
  }
}
