import { Command } from 'commander';
import { followAndSummarize } from '../backfill/follow-and-summarize';
import { CommandContext, CommonOptions } from '../command-context';
import { requireOrg } from '../config/resolve-session';
import { ApiClient } from '../http/api-client';
import { ApiError } from '../http/api-error';
import { usageError } from '../errors/cli-error';
import { apiPaths } from '../http/api-paths';
import { jobOfStep } from '../backfill/job-of-step';
import { BackfillJobBody, isStep } from '../http/wire-types';
import { Output } from '../output/output';
import { runSetup, ValueOptions, withValueOptions } from '../setup/run-setup';
import { withExamples, withOrg } from './help-examples';

interface BackfillOptions extends CommonOptions, ValueOptions {
  readonly incremental?: boolean;
  readonly wait?: boolean;
  readonly job?: string;
}

/**
 * `whdb backfill <sint>` (docs/cli.md#backfill; SPEC 8.3). Starts a job with
 * `POST .../backfill/job {incremental}`; when the backfill is not set up yet (409
 * `backfill_not_set_up`), runs the backfill setup questions of `POST .../backfill` instead, whose
 * completed step names the job it started (`backfill_job_id`). With `--wait`, follows the job
 * (`GET .../backfill/job/{id}`) as a progress bar, then a summary.
 */
export function registerBackfill(program: Command, ctx: CommandContext): void {
  const command = program
    .command('backfill')
    .description("Copy every resource the provider's API lists into the integration's table.")
    .argument('<sint>', 'the integration: opaque id, table name, or a service name with one integration')
    .option('--incremental', 'only what changed since the last incremental backfill')
    .option('--wait', 'follow the job: a live progress bar (pages, rows, rows/s, ETA), then a summary')
    .option('--job <job_id>', 'follow a job started earlier (bfj_...) instead of starting one');
  withExamples(withValueOptions(withOrg(command)), [
    'whdb backfill svi_abc123 --wait',
    'whdb backfill increase_account_v1 --incremental --wait --json',
    'whdb backfill svi_abc123 --job bfj_abc123',
    'whdb backfill svi_abc123 --value-env backfill_key=INCREASE_API_KEY --value api_url=https://sandbox.increase.com --wait',
  ]).action((sint: string, options: BackfillOptions) =>
    ctx.run('backfill', options, async (out) => {
      const session = await ctx.session(out, options.org);
      const org = requireOrg(session);
      const api = ctx.api(session);
      if (options.job !== undefined) {
        if (options.incremental) throw usageError('--job follows a job started earlier; --incremental only applies when starting one.');
        const followed = await api.get<BackfillJobBody>(apiPaths.backfillJob(org, sint, options.job));
        out.result(await followAndSummarize(api, out, org, sint, followed));
        return;
      }
      const incremental = Boolean(options.incremental);
      const started = await startJob(api, org, sint, incremental);
      const job = started ?? (await setUpThenJob(ctx, out, api, org, sint, options));
      if (!job) return;
      if (!options.wait) {
        out.result(job, `${job.message ?? `Backfill job ${job.id} is ${job.status}.`}\nFollow it: whdb backfill ${sint} --job ${job.id}`);
        return;
      }
      out.result(await followAndSummarize(api, out, org, sint, job));
    }),
  );
}

/** The api's answer when the backfill credentials are not set yet (docs/behaviour/integrations-api.md#backfill-jobs). */
const NOT_SET_UP = 'backfill_not_set_up';

/** The job, or undefined when the backfill is not set up yet (409 `backfill_not_set_up`). */
async function startJob(api: ApiClient, org: string, sint: string, incremental: boolean): Promise<BackfillJobBody | undefined> {
  try {
    return await api.post<BackfillJobBody>(apiPaths.integration(org, sint, 'backfill/job'), { incremental });
  } catch (error) {
    if (error instanceof ApiError && error.status === 409 && error.code === NOT_SET_UP) return undefined;
    throw error;
  }
}

/** Runs the backfill setup; returns the job it started when the api says which, else prints the step. */
async function setUpThenJob(ctx: CommandContext, out: Output, api: ApiClient, org: string, sint: string, options: BackfillOptions): Promise<BackfillJobBody | undefined> {
  const last = await runSetup(ctx, out, api, options, () => api.post(apiPaths.integration(org, sint, 'backfill'), { incremental: Boolean(options.incremental) }));
  const job = isStep(last) ? await jobOfStep(api, org, last) : undefined;
  if (job) return job;
  out.result(last, 'The backfill is set up and has started.');
  return undefined;
}
