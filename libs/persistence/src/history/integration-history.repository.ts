import { HistorySpec, orgReadonlyRoleName, orgSchemaName } from '@whdb/core';
import { Db } from '../database/transaction';
import { controlPlaneTable } from '../schema/control-plane-schema';

export type HistoryFillState = 'pending' | 'running' | 'done' | 'failed';

/** An integration's history switch and the fill from the log (docs/behaviour/history.md#switching-it-on). */
export interface IntegrationHistoryStatus {
  readonly enabled: boolean;
  readonly enabledAt: Date;
  readonly disabledAt: Date | null;
  readonly fill: {
    readonly state: HistoryFillState;
    readonly startedAt: Date | null;
    readonly finishedAt: Date | null;
    readonly messagesRead: number;
    readonly versionsWritten: number;
    /** The oldest version the fill found in the log: how far back the history goes. */
    readonly oldestVersionAt: Date | null;
    readonly error: string | null;
  };
}

/** Where an integration's history goes, with what the writer needs to create it. */
export interface HistoryTarget extends HistorySpec {
  readonly integrationId: number;
  readonly serviceName: string;
}

interface StatusRow {
  enabled: boolean;
  enabled_at: Date;
  disabled_at: Date | null;
  fill_state: HistoryFillState;
  fill_started_at: Date | null;
  fill_finished_at: Date | null;
  fill_messages_read: string;
  fill_versions_written: string;
  fill_oldest_version_at: Date | null;
  fill_error: string | null;
}

interface TargetRow {
  id: number;
  opaque_id: string;
  service_name: string;
  table_name: string;
  org_key: string;
}

const TARGET_COLUMNS = 'si.id, si.opaque_id, si.service_name, si.table_name, o.key AS org_key';

function toTarget(row: TargetRow): HistoryTarget {
  return {
    integrationId: row.id,
    opaqueId: row.opaque_id,
    serviceName: row.service_name,
    schema: orgSchemaName(row.org_key),
    table: row.table_name,
    readonlyRole: orgReadonlyRoleName(row.org_key),
  };
}

function toStatus(row: StatusRow): IntegrationHistoryStatus {
  return {
    enabled: row.enabled,
    enabledAt: row.enabled_at,
    disabledAt: row.disabled_at,
    fill: {
      state: row.fill_state,
      startedAt: row.fill_started_at,
      finishedAt: row.fill_finished_at,
      messagesRead: Number(row.fill_messages_read),
      versionsWritten: Number(row.fill_versions_written),
      oldestVersionAt: row.fill_oldest_version_at,
      error: row.fill_error,
    },
  };
}

/** `whdb.integration_history`: the switch per integration and the state of its fill from the log. */
export class IntegrationHistoryRepository {
  private readonly table = controlPlaneTable('integrationHistory');

  constructor(private readonly db: Db) {}

  /** Switches history on; a fill from the log is queued unless it was already on (then nothing changes). */
  async enable(integrationId: number): Promise<IntegrationHistoryStatus> {
    const [row] = await this.db.query<StatusRow>(
      `INSERT INTO ${this.table} AS h (service_integration_id, enabled) VALUES ($1, true)
       ON CONFLICT (service_integration_id) DO UPDATE
          SET enabled = true, enabled_at = now(), disabled_at = NULL, fill_state = 'pending', fill_started_at = NULL, fill_finished_at = NULL,
              fill_messages_read = 0, fill_versions_written = 0, fill_oldest_version_at = NULL, fill_error = NULL, updated_at = now()
        WHERE NOT h.enabled
       RETURNING *`,
      [integrationId],
    );
    return row ? toStatus(row) : ((await this.status(integrationId)) as IntegrationHistoryStatus);
  }

  /** Switches history off (the history table is kept); null when it was never on. */
  async disable(integrationId: number): Promise<IntegrationHistoryStatus | null> {
    const [row] = await this.db.query<StatusRow>(
      `UPDATE ${this.table} SET enabled = false, disabled_at = CASE WHEN enabled THEN now() ELSE disabled_at END, updated_at = now()
        WHERE service_integration_id = $1 RETURNING *`,
      [integrationId],
    );
    return row ? toStatus(row) : null;
  }

  /** Null when history was never switched on. */
  async status(integrationId: number): Promise<IntegrationHistoryStatus | null> {
    const [row] = await this.db.query<StatusRow>(`SELECT * FROM ${this.table} WHERE service_integration_id = $1`, [integrationId]);
    return row ? toStatus(row) : null;
  }

  /** The integrations among `opaqueIds` whose history is on, by opaque id. */
  async enabledTargets(opaqueIds: readonly string[]): Promise<Map<string, HistoryTarget>> {
    if (opaqueIds.length === 0) return new Map();
    const rows = await this.db.query<TargetRow>(
      `SELECT ${TARGET_COLUMNS}
         FROM ${this.table} h
         JOIN ${controlPlaneTable('serviceIntegrations')} si ON si.id = h.service_integration_id
         JOIN ${controlPlaneTable('organizations')} o ON o.id = si.organization_id
        WHERE h.enabled AND si.opaque_id = ANY($1::text[])`,
      [[...new Set(opaqueIds)]],
    );
    return new Map(rows.map((row) => [row.opaque_id, toTarget(row)]));
  }

  /**
   * Takes one fill to run: a pending one, or a running one nobody has advanced for `staleAfterMs`
   * (its writer died). Concurrent callers never take the same one.
   */
  async claimFill(staleAfterMs: number): Promise<HistoryTarget | null> {
    const [row] = await this.db.query<TargetRow>(
      `WITH claimed AS (
         UPDATE ${this.table} SET fill_state = 'running', fill_started_at = now(), fill_messages_read = 0, fill_versions_written = 0,
                fill_oldest_version_at = NULL, fill_error = NULL, updated_at = now()
          WHERE service_integration_id = (
                SELECT service_integration_id FROM ${this.table}
                 WHERE enabled AND (fill_state = 'pending' OR (fill_state = 'running' AND updated_at < now() - make_interval(secs => $1::double precision / 1000)))
                 ORDER BY updated_at LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING service_integration_id)
       SELECT ${TARGET_COLUMNS}
         FROM claimed
         JOIN ${controlPlaneTable('serviceIntegrations')} si ON si.id = claimed.service_integration_id
         JOIN ${controlPlaneTable('organizations')} o ON o.id = si.organization_id`,
      [staleAfterMs],
    );
    return row ? toTarget(row) : null;
  }

  /** Adds a chunk's counts to the running fill (and keeps it from looking stale). */
  async recordFillProgress(integrationId: number, messagesRead: number, versionsWritten: number, oldestVersionAt: Date | null): Promise<void> {
    await this.db.query(
      `UPDATE ${this.table}
          SET fill_messages_read = fill_messages_read + $2, fill_versions_written = fill_versions_written + $3,
              fill_oldest_version_at = CASE WHEN $4::timestamptz IS NULL THEN fill_oldest_version_at ELSE least(fill_oldest_version_at, $4::timestamptz) END,
              updated_at = now()
        WHERE service_integration_id = $1 AND fill_state = 'running'`,
      [integrationId, messagesRead, versionsWritten, oldestVersionAt],
    );
  }

  /** Puts a running fill back in the queue (stopped at shutdown, or an outage), keeping the error seen. */
  async requeueFill(integrationId: number, error?: string): Promise<void> {
    await this.db.query(
      `UPDATE ${this.table} SET fill_state = 'pending', fill_error = $2, updated_at = now()
        WHERE service_integration_id = $1 AND fill_state = 'running'`,
      [integrationId, error ?? null],
    );
  }

  /** Ends a running fill: done, or failed with `error` (switching history off and on again retries it). */
  async finishFill(integrationId: number, error?: string): Promise<void> {
    await this.db.query(
      `UPDATE ${this.table} SET fill_state = $2, fill_finished_at = now(), fill_error = $3, updated_at = now()
        WHERE service_integration_id = $1 AND fill_state = 'running'`,
      [integrationId, error === undefined ? 'done' : 'failed', error ?? null],
    );
  }
}
