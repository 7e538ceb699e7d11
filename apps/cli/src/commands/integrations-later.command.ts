import { Command } from 'commander';
import { CommandContext, CommonOptions } from '../command-context';
import { requireOrg } from '../config/resolve-session';
import { usageError } from '../errors/cli-error';
import { apiPaths } from '../http/api-paths';
import { withExamples, withOrg } from './help-examples';

interface HistoryOptions extends CommonOptions {
  readonly enable?: boolean;
  readonly disable?: boolean;
}

function messageOf(body: unknown, fallback: string): string {
  const message = (body as { message?: unknown })?.message;
  return typeof message === 'string' && message ? message : fallback;
}

/**
 * `whdb integrations history` (CONTRACT: `POST .../history`). The api does not have it yet; until
 * it does it ends with "not available yet on this server" (exit 5). `rebuild` is
 * integrations-rebuild.command.ts.
 */
export function registerIntegrationsLater(integrations: Command, ctx: CommandContext): void {
  const history = integrations
    .command('history')
    .description('Keep (or stop keeping) <table>_history with valid_from/valid_to, and <table>_as_of(ts).')
    .argument('<sint>', 'the integration')
    .option('--enable', 'keep the history')
    .option('--disable', 'stop keeping it');
  withExamples(withOrg(history), ['whdb integrations history svi_abc123 --enable']).action((sint: string, options: HistoryOptions) =>
    ctx.run('integrations history', options, async (out) => {
      if (Boolean(options.enable) === Boolean(options.disable)) throw usageError('Pass exactly one of --enable or --disable.');
      const session = await ctx.session(out, options.org);
      const body = await ctx.api(session).post(apiPaths.integration(requireOrg(session), sint, 'history'), { enabled: Boolean(options.enable) });
      out.result(body, messageOf(body, options.enable ? 'History is kept.' : 'History is no longer kept.'));
    }),
  );
}
