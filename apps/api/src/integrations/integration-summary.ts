import { IntegrationSettings, StateMachineStep, stepToWire } from '@whdb/core';

export interface IntegrationSummary {
  readonly opaque_id: string;
  readonly service_name: string;
  readonly table_name: string;
}

export function summarize(settings: IntegrationSettings): IntegrationSummary {
  return { opaque_id: settings.opaqueId, service_name: settings.serviceName, table_name: settings.tableName };
}

/**
 * A state-machine step as the API returns it (docs/behaviour/state-machines.md#step-shape); when the
 * step started a backfill, `backfill_job_id` names the job (docs/behaviour/state-machines.md#backfill-on-completion).
 */
export function stepResponse(step: StateMachineStep, settings: IntegrationSettings, job?: { readonly opaqueId: string } | null): Record<string, unknown> {
  return { ...stepToWire(step), service_integration: summarize(settings), ...(job ? { backfill_job_id: job.opaqueId } : {}) };
}
