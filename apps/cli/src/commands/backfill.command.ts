import { Command } from 'commander';
import { followAndSummarize } from '../backfill/follow-and-summarize';
import { CommandContext, CommonOptions } from '../command-context';
import { requireOrg } from '../config/resolve-session';
import { ApiClient } from '../http/api-client';
import { ApiError } from '../http/api-error';
import { apiPaths } from '../http/api-paths';
import { jobOfStep } from '../backfill/job-of-step';
import { BackfillJobBody, isStep } from '../http/wire-types';
import { Output } from '../output/output';
import { runSetup, ValueOptions, withValueOptions } from '../setup/run-setup';
import { withExamples, withOrg } from './help-examples';

interface BackfillOptions extends CommonOptions, ValueOptions {
  readonly incremental?: boolean;
  readonly wait?: boolean;
}

/**
 * `whdb backfill <sint>` (docs/cli.md#backfill; SPEC 8.3). Starts a job with
 * `POST .../backfill/job {incremental}`; when the backfill is not set up yet (409), runs the
 * backfill setup questions of `POST .../backfill` instead, whose completion starts the job. With
 * `--wait`, follows the job (`GET .../backfill/job/{id}`) as a progress bar, then a summary.
 */
export function registerBackfill(program: Command, ctx: CommandContext): void {
  const command = program
    .command('backfill')
    .description("Copy every resource the provider's API lists into the integration's table.")
    .argument('<sint>', 'the integration: opaque id, table name, or a service name with one integration')
    .option('--incremental', 'only what changed since the last incremental backfill')
    .option('--wait', 'follow the job: a live progress bar (pages, rows, rows/s, ETA), then a summary');
  withExamples(withValueOptions(withOrg(command)), [
    'whdb backfill svi_abc123 --wait',
    'whdb backfill increase_account_v1 --incremental --wait --json',
    'whdb backfill svi_abc123 --value-env backfill_key=INCREASE_API_KEY --value api_url=https://sandbox.increase.com --wait',
  ]).action((sint: string, options: BackfillOptions) =>
    ctx.run('backfill', options, async (out) => {
      const session = await ctx.session(out, options.org);
      const org = requireOrg(session);
      const api = ctx.api(session);
      const incremental = Boolean(options.incremental);
      const started = await startJob(api, org, sint, incremental);
      const job = started ?? (await setUpThenJob(ctx, out, api, org, sint, options));
      if (!job) return;
      if (!options.wait) {
        out.result(job, `Backfill ${job.id} started (${job.status}). Pass --wait to follow a backfill until it ends.`);
        return;
      }
      out.result(await followAndSummarize(api, out, org, sint, job));
    }),
  );
}

/** The job, or undefined when the backfill is not set up yet (409). */
async function startJob(api: ApiClient, org: string, sint: string, incremental: boolean): Promise<BackfillJobBody | undefined> {
  try {
    return await api.post<BackfillJobBody>(apiPaths.integration(org, sint, 'backfill/job'), { incremental });
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) return undefined;
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
