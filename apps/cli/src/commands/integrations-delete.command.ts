import { Command } from 'commander';
import { CommandContext, CommonOptions } from '../command-context';
import { requireOrg } from '../config/resolve-session';
import { apiPaths } from '../http/api-paths';
import { runSetup } from '../setup/run-setup';
import { PresetAnswers } from '../setup/value-flags';
import { withExamples, withOrg } from './help-examples';

interface DeleteOptions extends CommonOptions {
  readonly confirm?: string;
}

/**
 * `whdb integrations delete <sint>` (docs/behaviour/integrations-api.md#delete): the api asks for
 * the table name as confirmation (a 422 prompt); the CLI asks it, and asks again after a wrong one.
 */
export function registerIntegrationsDelete(integrations: Command, ctx: CommandContext): void {
  const command = integrations
    .command('delete')
    .description('Delete an integration, its secrets and its table (and its dependents). Asks for the table name to confirm.')
    .argument('<sint>', 'the integration: opaque id, table name, or a service name with one integration')
    .option('--confirm <table>', 'the table name, to confirm without being asked');
  withExamples(withOrg(command), ['whdb integrations delete svi_abc123', 'whdb integrations delete svi_abc123 --confirm increase_account_v1_3fa1 --json']).action(
    (sint: string, options: DeleteOptions) =>
      ctx.run('integrations delete', options, async (out) => {
        const session = await ctx.session(out, options.org);
        const api = ctx.api(session);
        const preset = new PresetAnswers();
        // The first request carries --confirm itself; a wrong one is then asked again (or fails without a terminal).
        const flagFor = (field: string) => (field === 'confirm' ? '--confirm <table name>' : undefined);
        const last = await runSetup(ctx, out, api, { flagFor }, () => api.post(apiPaths.integration(requireOrg(session), sint, 'delete'), options.confirm === undefined ? {} : { confirm: options.confirm }), preset);
        const message = (last as { message?: unknown })?.message;
        out.result(last, typeof message === 'string' ? message : 'Deleted.');
      }),
  );
}
