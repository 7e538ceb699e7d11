import { Command } from 'commander';
import { CommandContext, CommonOptions } from '../command-context';
import { requireOrg } from '../config/resolve-session';
import { apiPaths } from '../http/api-paths';
import { IntegrationSummary } from '../http/wire-types';
import { renderTable } from '../output/render-table';
import { withExamples, withOrg } from './help-examples';

/** `whdb integrations list` (docs/behaviour/integrations-api.md#list-integrations). */
export function registerIntegrationsList(integrations: Command, ctx: CommandContext): void {
  const command = integrations.command('list').description("List the organization's integrations.");
  withExamples(withOrg(command), ['whdb integrations list', 'whdb integrations list --org acme --json | jq -r ".items[].table_name"']).action((options: CommonOptions) =>
    ctx.run('integrations list', options, async (out) => {
      const session = await ctx.session(out, options.org);
      const body = await ctx.api(session).get<{ items: IntegrationSummary[]; message?: string }>(apiPaths.integrations(requireOrg(session)));
      const human = body.items.length
        ? renderTable(['ID', 'SERVICE', 'TABLE'], body.items.map((item) => [item.opaque_id, item.service_name, item.table_name]))
        : body.message || 'No integrations yet. Create one with: whdb integrations create <service>';
      out.result({ items: body.items }, human);
    }),
  );
}
