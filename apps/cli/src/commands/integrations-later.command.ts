import { Command } from 'commander';
import { CommandContext, CommonOptions } from '../command-context';
import { requireOrg } from '../config/resolve-session';
import { apiPaths } from '../http/api-paths';
import { withExamples, withOrg } from './help-examples';

function messageOf(body: unknown, fallback: string): string {
  const message = (body as { message?: unknown })?.message;
  return typeof message === 'string' && message ? message : fallback;
}

/**
 * `whdb integrations rebuild` (CONTRACT: `POST .../rebuild`). The api does not have it yet; until
 * it does it ends with "not available yet on this server" (exit 5).
 */
export function registerIntegrationsLater(integrations: Command, ctx: CommandContext): void {
  const rebuild = integrations
    .command('rebuild')
    .description("Rebuild an integration's table from the log into a new version, then swap it in.")
    .argument('<sint>', 'the integration');
  withExamples(withOrg(rebuild), ['whdb integrations rebuild svi_abc123']).action((sint: string, options: CommonOptions) =>
    ctx.run('integrations rebuild', options, async (out) => {
      const session = await ctx.session(out, options.org);
      const body = await ctx.api(session).post(apiPaths.integration(requireOrg(session), sint, 'rebuild'));
      out.result(body, messageOf(body, 'Rebuild started.'));
    }),
  );
}
