import { CliError } from '../errors/cli-error';
import { ExitCode } from '../errors/exit-codes';
import { ApiClient } from '../http/api-client';
import { apiPaths } from '../http/api-paths';
import { BackfillJobBody } from '../http/wire-types';
import { Output } from '../output/output';
import { formatSummary } from './backfill-summary';
import { followBackfillJob } from './follow-backfill-job';

/**
 * Follows a backfill job as a progress bar, then prints its summary (docs/cli.md#backfill). A
 * failed job is an error (exit 1) whose reason is the summary.
 */
export async function followAndSummarize(api: ApiClient, out: Output, org: string, sint: string, job: BackfillJobBody): Promise<BackfillJobBody> {
  const integration = job.service_integration?.opaque_id ?? sint;
  const followed = await followBackfillJob(job, {
    fetch: () => api.get<BackfillJobBody>(apiPaths.backfillJob(org, integration, job.id)),
    stream: out.humanStream,
  });
  const summary = formatSummary(followed.job, followed.seconds);
  if (followed.job.status === 'failed') {
    throw new CliError(summary, ExitCode.failed, 'backfill_failed', { job_id: followed.job.id });
  }
  out.say(summary);
  return followed.job;
}
