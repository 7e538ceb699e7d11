import { AppError, opaqueId, orgSchemaName, ProjectionTarget } from '@whdb/core';
import { databaseErrorCode } from '../database/database-errors';
import { Db } from '../database/transaction';
import { controlPlaneTable } from '../schema/control-plane-schema';

const REBUILDS = controlPlaneTable('tableRebuilds');

/** Where a rebuild is (docs/behaviour/rebuild.md#states). */
export type TableRebuildState = 'pending' | 'running' | 'swapping' | 'finished' | 'failed';

/** One rebuild of an integration's table from the log. */
export interface TableRebuildRecord {
  readonly id: number;
  /** `rbd_<base36>`: the id in URLs. */
  readonly opaqueId: string;
  readonly serviceIntegrationId: number;
  readonly serviceName: string;
  readonly state: TableRebuildState;
  /** The new version while it is built (same schema as the live table). */
  readonly buildTable: string;
  /** The previous version, kept after the swap until an operator drops it. */
  readonly oldTable: string | null;
  readonly oldTableDroppedAt: Date | null;
  readonly eventsRead: number;
  readonly eventsSkipped: number;
  readonly rowsWritten: number;
  /** Messages of the inbound topic between the rebuild's position and the live end; null before the first measure. */
  readonly lag: number | null;
  readonly attempts: number;
  readonly error: string | null;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly swappedAt: Date | null;
  readonly finishedAt: Date | null;
}

/** The progress a worker reports while it runs. */
export interface TableRebuildProgress {
  readonly eventsRead: number;
  readonly eventsSkipped: number;
  readonly rowsWritten: number;
  readonly lag: number | null;
}

interface RebuildRow {
  id: string;
  opaque_id: string;
  service_integration_id: number;
  service_name: string;
  state: TableRebuildState;
  build_table: string;
  old_table: string | null;
  old_table_dropped_at: Date | null;
  events_read: string;
  events_skipped: string;
  rows_written: string;
  lag: string | null;
  attempts: number;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  swapped_at: Date | null;
  finished_at: Date | null;
}

function toRecord(row: RebuildRow): TableRebuildRecord {
  return {
    id: Number(row.id),
    opaqueId: row.opaque_id,
    serviceIntegrationId: row.service_integration_id,
    serviceName: row.service_name,
    state: row.state,
    buildTable: row.build_table,
    oldTable: row.old_table,
    oldTableDroppedAt: row.old_table_dropped_at,
    eventsRead: Number(row.events_read),
    eventsSkipped: Number(row.events_skipped),
    rowsWritten: Number(row.rows_written),
    lag: row.lag === null ? null : Number(row.lag),
    attempts: row.attempts,
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    swappedAt: row.swapped_at,
    finishedAt: row.finished_at,
  };
}

/** The states in which a rebuild still owns its integration (one at a time). */
export const ACTIVE_REBUILD_STATES: readonly TableRebuildState[] = ['pending', 'running', 'swapping'];

/**
 * Table rebuilds (docs/behaviour/rebuild.md): created by the api, claimed and advanced by a
 * projector of the integration's replicator. A worker that stops heart-beating loses its claim.
 */
export class TableRebuildRepository {
  constructor(private readonly db: Db) {}

  /** A pending rebuild; `conflict` when the integration already has an active one. */
  async create(input: { serviceIntegrationId: number; serviceName: string; buildTable: (id: string) => string }): Promise<TableRebuildRecord> {
    const id = opaqueId('rbd');
    try {
      const [row] = await this.db.query<RebuildRow>(
        `INSERT INTO ${REBUILDS} (opaque_id, service_integration_id, service_name, build_table) VALUES ($1, $2, $3, $4) RETURNING *`,
        [id, input.serviceIntegrationId, input.serviceName, input.buildTable(id)],
      );
      return toRecord(row!);
    } catch (error) {
      if (databaseErrorCode(error) === '23505') throw new AppError('conflict', 'A rebuild of this table is already running; follow it or wait until it ends.');
      throw error;
    }
  }

  async findByOpaqueId(id: string): Promise<TableRebuildRecord | null> {
    const [row] = await this.db.query<RebuildRow>(`SELECT * FROM ${REBUILDS} WHERE opaque_id = $1`, [id]);
    return row ? toRecord(row) : null;
  }

  /** The integration's rebuilds, newest first. */
  async listForIntegration(serviceIntegrationId: number): Promise<TableRebuildRecord[]> {
    const rows = await this.db.query<RebuildRow>(`SELECT * FROM ${REBUILDS} WHERE service_integration_id = $1 ORDER BY id DESC`, [serviceIntegrationId]);
    return rows.map(toRecord);
  }

  /**
   * Claims the oldest rebuild of `serviceName` that is pending, or active but without a heartbeat
   * for `staleAfterMs` (its worker died): it becomes `running` under `worker`, attempts + 1.
   */
  async claim(serviceName: string, worker: string, staleAfterMs: number): Promise<TableRebuildRecord | null> {
    const [row] = await this.db.query<RebuildRow>(
      `UPDATE ${REBUILDS} SET state = 'running', worker = $2, heartbeat_at = now(), started_at = coalesce(started_at, now()), attempts = attempts + 1,
              events_read = 0, events_skipped = 0, rows_written = 0, lag = NULL
        WHERE id = (SELECT id FROM ${REBUILDS}
                     WHERE service_name = $1
                       AND (state = 'pending' OR (state IN ('running', 'swapping') AND heartbeat_at < now() - make_interval(secs => $3::double precision / 1000)))
                     ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [serviceName, worker, staleAfterMs],
    );
    return row ? toRecord(row) : null;
  }

  /** Records progress and the heartbeat; false when `worker` no longer owns the rebuild (claimed again, deleted). */
  async reportProgress(id: number, worker: string, progress: TableRebuildProgress, state: 'running' | 'swapping' = 'running'): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE ${REBUILDS} SET events_read = $3, events_skipped = $4, rows_written = $5, lag = $6, heartbeat_at = now(), state = $7
        WHERE id = $1 AND worker = $2 AND state IN ('running', 'swapping') RETURNING id`,
      [id, worker, progress.eventsRead, progress.eventsSkipped, progress.rowsWritten, progress.lag, state],
    );
    return rows.length > 0;
  }

  /** The swap committed (call it in the swap's transaction). */
  async markFinished(id: number, oldTable: string, progress: TableRebuildProgress): Promise<void> {
    await this.db.query(
      `UPDATE ${REBUILDS} SET state = 'finished', old_table = $2, events_read = $3, events_skipped = $4, rows_written = $5, lag = $6,
              swapped_at = now(), finished_at = now() WHERE id = $1`,
      [id, oldTable, progress.eventsRead, progress.eventsSkipped, progress.rowsWritten, progress.lag],
    );
  }

  async markFailed(id: number, worker: string, error: string): Promise<void> {
    await this.db.query(`UPDATE ${REBUILDS} SET state = 'failed', error = $3, finished_at = now() WHERE id = $1 AND worker = $2 AND state IN ('running', 'swapping')`, [
      id,
      worker,
      error.slice(0, 1000),
    ]);
  }

  /** Gives the rebuild back (a worker shutting down): another worker claims it at once and starts over. */
  async release(id: number, worker: string): Promise<void> {
    await this.db.query(`UPDATE ${REBUILDS} SET state = 'pending', worker = NULL WHERE id = $1 AND worker = $2 AND state IN ('running', 'swapping')`, [id, worker]);
  }

  /** Where the integration's live table is now; null once the integration was deleted. Pass `forUpdate` in the swap's transaction. */
  async liveTargetOf(serviceIntegrationId: number, forUpdate = false): Promise<ProjectionTarget | null> {
    const [row] = await this.db.query<{ opaque_id: string; service_name: string; table_name: string; org_key: string }>(
      `SELECT si.opaque_id, si.service_name, si.table_name, o.key AS org_key
         FROM ${controlPlaneTable('serviceIntegrations')} si JOIN ${controlPlaneTable('organizations')} o ON o.id = si.organization_id
        WHERE si.id = $1${forUpdate ? ' FOR UPDATE OF si' : ''}`,
      [serviceIntegrationId],
    );
    return row ? { opaqueId: row.opaque_id, serviceName: row.service_name, schema: orgSchemaName(row.org_key), table: row.table_name } : null;
  }

  async markOldTableDropped(id: number): Promise<void> {
    await this.db.query(`UPDATE ${REBUILDS} SET old_table_dropped_at = now() WHERE id = $1`, [id]);
  }
}
