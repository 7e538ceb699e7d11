import { Command } from 'commander';
import { CommandContext, CommonOptions } from '../command-context';
import { requireOrg } from '../config/resolve-session';
import { apiPaths } from '../http/api-paths';
import { renderBlocks } from '../output/render-blocks';
import { withExamples, withOrg } from './help-examples';

/** `whdb integrations info <sint> [field]` (docs/behaviour/integrations-api.md#info). */
export function registerIntegrationsInfo(integrations: Command, ctx: CommandContext): void {
  const command = integrations
    .command('info')
    .description("Show an integration's fields, or one of them (secrets are shown: this is how you read them back).")
    .argument('<sint>', 'the integration: opaque id, table name, or a service name with one integration')
    .argument('[field]', 'one of id, service, table, url, webhook_secret, webhookdb_api_key, api_url');
  withExamples(withOrg(command), ['whdb integrations info svi_abc123', 'whdb integrations info increase_account_v1 url']).action(
    (sint: string, field: string | undefined, options: CommonOptions) =>
      ctx.run('integrations info', options, async (out) => {
        const session = await ctx.session(out, options.org);
        const body = await ctx.api(session).post(apiPaths.integration(requireOrg(session), sint, 'info'), field ? { field } : {});
        out.result(body, renderBlocks(body));
      }),
  );
}
