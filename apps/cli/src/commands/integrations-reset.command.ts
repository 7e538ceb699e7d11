import { Command } from 'commander';
import { CommandContext, CommonOptions } from '../command-context';
import { requireOrg } from '../config/resolve-session';
import { apiPaths } from '../http/api-paths';
import { runSetup, ValueOptions, withValueOptions } from '../setup/run-setup';
import { withExamples, withOrg } from './help-examples';

/**
 * `whdb integrations reset <sint>` (docs/behaviour/state-machines.md#setup-and-reset): clears the
 * webhook secret and asks the setup questions again.
 */
export function registerIntegrationsReset(integrations: Command, ctx: CommandContext): void {
  const command = integrations
    .command('reset')
    .description("Clear an integration's webhook secret and answer its setup questions again.")
    .argument('<sint>', 'the integration: opaque id, table name, or a service name with one integration');
  withExamples(withValueOptions(withOrg(command)), ['whdb integrations reset svi_abc123', 'whdb integrations reset svi_abc123 --value-env webhook_secret=NEW_SECRET']).action(
    (sint: string, options: CommonOptions & ValueOptions) =>
      ctx.run('integrations reset', options, async (out) => {
        const session = await ctx.session(out, options.org);
        const api = ctx.api(session);
        const last = await runSetup(ctx, out, api, options, () => api.post(apiPaths.integration(requireOrg(session), sint, 'reset')));
        out.result(last, 'The integration is set up again.');
      }),
  );
}
