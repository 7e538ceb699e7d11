import { BackfillJobRecord, IntegrationSettings, Replicator } from '@whdb/core';
import { OrgAlerts } from '@whdb/service-kit';
import { JobErrorKind } from './job-failure-policy';

/** The alert template of failed backfills (SPEC 7.3: `errors/generic_backfill`). */
export const GENERIC_BACKFILL_ALERT = 'errors/generic_backfill';

/** How the backfiller tells an organization a job failed (docs/behaviour/alerts.md#backfill). */
export interface BackfillAlerts {
  jobFailed(integration: IntegrationSettings, replicator: Replicator, job: BackfillJobRecord, kind: JobErrorKind, reason: string): Promise<void>;
}

/**
 * The `errors/generic_backfill` alert (SPEC 7.3), sent through `OrgAlerts` (logged, then POSTed to
 * each error handler with retries). Raised for every job that fails for good: a 401 at once, retriable
 * errors once the job's runs are used up, anything else at once.
 */
export function orgBackfillAlerts(alerts: Pick<OrgAlerts, 'raise'>): BackfillAlerts {
  return {
    async jobFailed(integration, replicator, job, kind, reason) {
      const what = replicator.descriptor.resourceNamePlural;
      await alerts.raise(integration.organizationId, {
        template: GENERIC_BACKFILL_ALERT,
        service_integration: { opaque_id: integration.opaqueId, service_name: integration.serviceName, table_name: integration.tableName },
        message: `Backfilling your ${what} (${integration.opaqueId}) failed: ${reason}`,
        details: { job_id: job.opaqueId, kind, attempts: job.attempts, pages: job.pages, rows: job.rows },
      });
    },
  };
}
