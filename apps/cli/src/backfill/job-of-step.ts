import { ApiClient } from '../http/api-client';
import { apiPaths } from '../http/api-paths';
import { BackfillJobBody, StepBody } from '../http/wire-types';

/**
 * The job a completed step started: the step names it with `backfill_job_id`
 * (docs/behaviour/integrations-api.md#backfill), and `GET .../backfill/job/{id}` reads it.
 * Undefined when the step started none.
 */
export async function jobOfStep(api: ApiClient, org: string, step: StepBody): Promise<BackfillJobBody | undefined> {
  const sint = step.service_integration?.opaque_id;
  if (typeof step.backfill_job_id !== 'string' || !sint) return undefined;
  return api.get<BackfillJobBody>(apiPaths.integration(org, sint, `backfill/job/${encodeURIComponent(step.backfill_job_id)}`));
}
