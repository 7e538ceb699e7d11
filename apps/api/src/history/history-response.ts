import { asOfFunctionName, historyTableName, IntegrationSettings } from '@whdb/core';
import { IntegrationHistoryStatus } from '@whdb/persistence';
import { IntegrationSummary, summarize } from '../integrations/integration-summary';

/** What the history endpoints answer (docs/api.md#history). */
export interface HistoryResponse {
  readonly message: string;
  readonly service_integration: IntegrationSummary;
  readonly history: {
    readonly enabled: boolean;
    readonly enabled_at: string | null;
    readonly disabled_at: string | null;
    readonly table: string;
    readonly as_of_function: string;
    readonly fill: {
      readonly state: string;
      readonly started_at: string | null;
      readonly finished_at: string | null;
      readonly messages_read: number;
      readonly versions_written: number;
      readonly oldest_version_at: string | null;
      readonly error: string | null;
    } | null;
  };
}

const iso = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);

export function historyResponse(settings: IntegrationSettings, status: IntegrationHistoryStatus | null, message: string): HistoryResponse {
  return {
    message,
    service_integration: summarize(settings),
    history: {
      enabled: status?.enabled ?? false,
      enabled_at: iso(status?.enabledAt),
      disabled_at: iso(status?.disabledAt),
      table: historyTableName(settings.tableName),
      as_of_function: `${asOfFunctionName(settings.tableName)}(timestamptz)`,
      fill: status
        ? {
            state: status.fill.state,
            started_at: iso(status.fill.startedAt),
            finished_at: iso(status.fill.finishedAt),
            messages_read: status.fill.messagesRead,
            versions_written: status.fill.versionsWritten,
            oldest_version_at: iso(status.fill.oldestVersionAt),
            error: status.fill.error,
          }
        : null,
    },
  };
}
