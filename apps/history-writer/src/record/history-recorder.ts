import { Logger, RowVersion } from '@whdb/core';
import { Database, ensureHistoryObjects, HistoryTarget, IntegrationHistoryRepository, writeRowVersions } from '@whdb/persistence';

/**
 * Writes row versions into their integrations' history tables (docs/behaviour/history.md#how-it-is-filled),
 * creating a history table (or re-creating its as-of function) first when needed. Shared by the live
 * consumer and the fill from the log; writes are idempotent and order-free, so both may run at once.
 */
export class HistoryRecorder {
  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
  ) {}

  /** Writes the versions of integrations whose history is on; returns how many versions were new. */
  async recordWhereEnabled(versions: readonly RowVersion[]): Promise<number> {
    if (versions.length === 0) return 0;
    const targets = await new IntegrationHistoryRepository(this.database).enabledTargets(versions.map((v) => v.opaqueId));
    let written = 0;
    for (const [opaqueId, target] of targets) written += await this.record(target, versions.filter((v) => v.opaqueId === opaqueId));
    return written;
  }

  /** Writes versions of one integration into its history table. */
  async record(target: HistoryTarget, versions: readonly RowVersion[]): Promise<number> {
    if (versions.length === 0) return 0;
    await ensureHistoryObjects(this.database, target);
    const written = await writeRowVersions(this.database, target, versions);
    this.logger.debug('row versions recorded', { opaque_id: target.opaqueId, versions: versions.length, new_versions: written });
    return written;
  }
}
