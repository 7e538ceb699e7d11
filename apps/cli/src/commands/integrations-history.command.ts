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

const ACTIONS = ['enable', 'disable', 'status'] as const;
type HistoryAction = (typeof ACTIONS)[number];

/** `history enable <sint>` or the contract's `history <sint> --enable|--disable` (neither flag: status). */
export function historyActionOf(first: string, second: string | undefined, options: HistoryOptions): { action: HistoryAction; sint: string } {
  if (second !== undefined) {
    if (!(ACTIONS as readonly string[]).includes(first)) throw usageError(`Unknown history action "${first}": use enable, disable or status.`);
    if (options.enable || options.disable) throw usageError('Pass either an action (enable, disable, status) or --enable/--disable, not both.');
    return { action: first as HistoryAction, sint: second };
  }
  if (options.enable && options.disable) throw usageError('Pass only one of --enable or --disable.');
  return { action: options.enable ? 'enable' : options.disable ? 'disable' : 'status', sint: first };
}

function messageOf(body: unknown, fallback: string): string {
  const message = (body as { message?: unknown })?.message;
  return typeof message === 'string' && message ? message : fallback;
}

/**
 * `whdb integrations history enable|disable|status <sint>` (docs/cli.md#commands,
 * docs/behaviour/history.md#switching-it-on): `POST .../history {enabled}` and `GET .../history`.
 */
export function registerIntegrationsHistory(integrations: Command, ctx: CommandContext): void {
  const history = integrations
    .command('history')
    .description('Keep (or stop keeping) every version of the table\'s rows in <table>_history, queried with <table>_as_of(timestamptz); or show whether it is kept.')
    .argument('<action|sint>', 'enable, disable or status, followed by the integration; or the integration with --enable/--disable')
    .argument('[sint]', 'the integration: opaque id, table name, or a service name with one integration')
    .option('--enable', 'keep the history (same as the enable action)')
    .option('--disable', 'stop keeping it (same as the disable action)');
  withExamples(withOrg(history), ['whdb integrations history enable svi_abc123', 'whdb integrations history status svi_abc123', 'whdb integrations history svi_abc123 --disable']).action(
    (first: string, second: string | undefined, options: HistoryOptions) =>
      ctx.run('integrations history', options, async (out) => {
        const { action, sint } = historyActionOf(first, second, options);
        const session = await ctx.session(out, options.org);
        const path = apiPaths.integration(requireOrg(session), sint, 'history');
        const api = ctx.api(session);
        const body = action === 'status' ? await api.get(path) : await api.post(path, { enabled: action === 'enable' });
        out.result(body, messageOf(body, action === 'enable' ? 'History is kept.' : action === 'disable' ? 'History is no longer kept.' : 'History status.'));
      }),
  );
}
