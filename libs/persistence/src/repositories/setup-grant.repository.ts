import { randomBase36 } from '@whdb/core';
import { Db, runQuery } from '../database/transaction';
import { controlPlaneTable } from '../schema/control-plane-schema';
import { tokenDigest } from './token.repository';

/** What a setup grant or session may do: set up integrations of one service in one organization. */
export interface SetupScope {
  readonly organizationId: number;
  readonly serviceName: string;
  readonly expiresAt: Date;
}

export const SETUP_GRANT_PREFIX = 'setup_grant_';
export const SETUP_SESSION_PREFIX = 'setup_session_';
/** Rows are kept this long after they stopped being usable (to read who used a link), then deleted. */
const KEEP_DEAD_ROWS_SECONDS = 86_400;

/**
 * Setup links (docs/setup-terminal.md#setup-links): a grant is issued for an organization and a
 * service, and exchanged **once**, before it expires, for a setup session token. Only digests are
 * stored; the plaintexts are returned once each.
 */
export class SetupGrantRepository {
  constructor(private readonly db: Db) {}

  async issue(organizationId: number, serviceName: string, ttlSeconds: number): Promise<{ grant: string; expiresAt: Date }> {
    await runQuery(
      this.db,
      `DELETE FROM ${this.table} WHERE greatest(grant_expires_at, coalesce(session_expires_at, grant_expires_at)) < now() - make_interval(secs => $1)`,
      [KEEP_DEAD_ROWS_SECONDS],
    );
    const grant = `${SETUP_GRANT_PREFIX}${randomBase36(24)}`;
    const rows = await runQuery<{ grant_expires_at: Date }[]>(
      this.db,
      `INSERT INTO ${this.table} (organization_id, service_name, grant_digest, grant_expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4)) RETURNING grant_expires_at`,
      [organizationId, serviceName, tokenDigest(grant), ttlSeconds],
    );
    return { grant, expiresAt: rows[0]!.grant_expires_at };
  }

  /**
   * Exchanges a grant for a session token, atomically: a grant that is unknown, expired or already
   * exchanged gives null (all alike, so a probe learns nothing).
   */
  async exchange(grant: string, sessionTtlSeconds: number): Promise<(SetupScope & { readonly session: string }) | null> {
    if (!grant.startsWith(SETUP_GRANT_PREFIX)) return null;
    const session = `${SETUP_SESSION_PREFIX}${randomBase36(24)}`;
    const rows = await runQuery<{ organization_id: number; service_name: string; session_expires_at: Date }[]>(
      this.db,
      `UPDATE ${this.table}
          SET exchanged_at = now(), session_digest = $2, session_expires_at = now() + make_interval(secs => $3)
        WHERE grant_digest = $1 AND exchanged_at IS NULL AND grant_expires_at > now()
        RETURNING organization_id, service_name, session_expires_at`,
      [tokenDigest(grant), tokenDigest(session), sessionTtlSeconds],
    );
    const row = rows[0];
    return row ? { session, organizationId: row.organization_id, serviceName: row.service_name, expiresAt: row.session_expires_at } : null;
  }

  /** The scope of a live session token, or null (unknown or expired). */
  async resolveSession(session: string): Promise<SetupScope | null> {
    if (!session.startsWith(SETUP_SESSION_PREFIX)) return null;
    const rows = await runQuery<{ organization_id: number; service_name: string; session_expires_at: Date }[]>(
      this.db,
      `SELECT organization_id, service_name, session_expires_at FROM ${this.table} WHERE session_digest = $1 AND session_expires_at > now()`,
      [tokenDigest(session)],
    );
    const row = rows[0];
    return row ? { organizationId: row.organization_id, serviceName: row.service_name, expiresAt: row.session_expires_at } : null;
  }

  private get table(): string {
    return controlPlaneTable('setupGrants');
  }
}
