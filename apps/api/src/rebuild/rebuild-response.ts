import { IntegrationSettings } from '@whdb/core';
import { TableRebuildRecord } from '@whdb/persistence';
import { IntegrationSummary, summarize } from '../integrations/integration-summary';

/** A rebuild as the api returns it (docs/api.md#rebuild-a-table-from-the-log). */
export interface RebuildResponse {
  readonly id: string;
  readonly state: TableRebuildRecord['state'];
  readonly service_integration: IntegrationSummary;
  readonly build_table: string;
  readonly old_table: string | null;
  readonly old_table_dropped: boolean;
  readonly events_read: number;
  readonly events_skipped: number;
  readonly rows_written: number;
  readonly lag: number | null;
  readonly attempts: number;
  readonly error: string | null;
  readonly created_at: string;
  readonly started_at: string | null;
  readonly swapped_at: string | null;
  readonly finished_at: string | null;
  readonly message: string;
}

function messageOf(rebuild: TableRebuildRecord, settings: IntegrationSettings): string {
  switch (rebuild.state) {
    case 'pending':
      return `Rebuild ${rebuild.opaqueId} of ${settings.tableName} is waiting for a ${settings.serviceName} projector.`;
    case 'running':
      return `Rebuild ${rebuild.opaqueId} is reading the log into ${rebuild.buildTable}; ${settings.tableName} keeps serving.`;
    case 'swapping':
      return `Rebuild ${rebuild.opaqueId} is swapping ${rebuild.buildTable} in as ${settings.tableName}.`;
    case 'finished':
      return rebuild.oldTable && !rebuild.oldTableDroppedAt
        ? `${settings.tableName} was rebuilt from the log. The previous version is kept as ${rebuild.oldTable} until you drop it.`
        : `${settings.tableName} was rebuilt from the log.`;
    case 'failed':
      return `Rebuild ${rebuild.opaqueId} failed; ${settings.tableName} was not changed.`;
  }
}

export function rebuildResponse(rebuild: TableRebuildRecord, settings: IntegrationSettings): RebuildResponse {
  const iso = (date: Date | null) => (date ? date.toISOString() : null);
  return {
    id: rebuild.opaqueId,
    state: rebuild.state,
    service_integration: summarize(settings),
    build_table: rebuild.buildTable,
    old_table: rebuild.oldTable,
    old_table_dropped: rebuild.oldTableDroppedAt !== null,
    events_read: rebuild.eventsRead,
    events_skipped: rebuild.eventsSkipped,
    rows_written: rebuild.rowsWritten,
    lag: rebuild.lag,
    attempts: rebuild.attempts,
    error: rebuild.error,
    created_at: rebuild.createdAt.toISOString(),
    started_at: iso(rebuild.startedAt),
    swapped_at: iso(rebuild.swappedAt),
    finished_at: iso(rebuild.finishedAt),
    message: messageOf(rebuild, settings),
  };
}
