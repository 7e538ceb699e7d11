import { AppError, IntegrationSettings, Replicator } from '@whdb/core';

/**
 * 409 `backfill_not_supported` for a replicator without backfill
 * (docs/behaviour/integrations-api.md#backfill), with WebhookDB's text: the documentation when the
 * replicator has some, else a hint to reset the integration.
 */
export function assertBackfillSupported(replicator: Replicator, settings: IntegrationSettings): void {
  if (replicator.descriptor.supportsBackfill && replicator.backfillStateMachine) return;
  const url = replicator.descriptor.documentationUrl;
  const message = url
    ? `Sorry, you cannot manually backfill this integration.\nPlease refer to the documentation at ${url}\nfor information on how to refresh data.`
    : `Sorry, you cannot backfill this integration. You may be looking for one of the following:\n\n  whdb integrations reset ${settings.tableName}`;
  throw new AppError('backfill_not_supported', message);
}
