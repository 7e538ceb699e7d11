import { Command } from 'commander';
import { followAndSummarize } from '../backfill/follow-and-summarize';
import { jobOfStep } from '../backfill/job-of-step';
import { CommandContext, CommonOptions } from '../command-context';
import { requireOrg } from '../config/resolve-session';
import { apiPaths } from '../http/api-paths';
import { isStep } from '../http/wire-types';
import { runSetup, ValueOptions, withValueOptions } from '../setup/run-setup';
import { PresetAnswers } from '../setup/value-flags';
import { withExamples, withOrg } from './help-examples';

interface CreateOptions extends CommonOptions, ValueOptions {
  readonly yes?: boolean;
  readonly wait: boolean;
}

/**
 * `whdb integrations create <service>` (docs/cli.md#integrations-create): creates the integration
 * and asks every question of its setup state machine; when the api says which backfill the
 * completed machine started, follows it as a progress bar.
 */
export function registerIntegrationsCreate(integrations: Command, ctx: CommandContext): void {
  const command = integrations
    .command('create')
    .description('Create an integration and answer its setup questions (secret answers are hidden).')
    .argument('<service>', 'the replicator, e.g. increase_account_v1')
    .option('--yes', 'create another integration of a service the organization already has (answers guard_confirm)')
    .option('--no-wait', 'do not follow the first backfill');
  withExamples(withValueOptions(withOrg(command)), [
    'whdb integrations create increase_account_v1',
    'whdb integrations create increase_account_v1 --value-env webhook_secret=INCREASE_WEBHOOK_SECRET --json',
    'whdb integrations create increase_account_v1 --yes --value webhook_secret=whsec_...',
  ]).action((service: string, options: CreateOptions) =>
    ctx.run('integrations create', options, async (out) => {
      const session = await ctx.session(out, options.org);
      const org = requireOrg(session);
      const api = ctx.api(session);
      const preset = PresetAnswers.parse(options.value ?? [], options.valueEnv ?? [], ctx.io.env.variables);
      if (options.yes) preset.set('guard_confirm', 'yes');
      const last = await runSetup(ctx, out, api, options, () => api.post(apiPaths.createIntegration(org), { service_name: service }), preset);
      if (!isStep(last)) {
        out.result(last);
        return;
      }
      const sint = last.service_integration;
      const started = await jobOfStep(api, org, last);
      const job = started && options.wait && sint ? await followAndSummarize(api, out, org, sint.opaque_id, started) : started;
      const human = sint ? out.style.green(`Integration ${sint.opaque_id} is set up; its table is ${sint.table_name}.`) : 'Done.';
      out.result({ ...last, ...(job ? { backfill_job: job } : {}) }, human);
    }),
  );
}
