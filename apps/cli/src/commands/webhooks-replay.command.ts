import { Command, Option } from 'commander';
import { CommandContext, CommonOptions } from '../command-context';
import { requireOrg } from '../config/resolve-session';
import { usageError } from '../errors/cli-error';
import { apiPaths } from '../http/api-paths';
import { ReplayAnswer } from '../webhooks/logged-webhook';
import { parseReplayIds, REPLAY_BY_FILTER_UNSUPPORTED } from '../webhooks/replay-ids';
import { withExamples, withOrg } from './help-examples';

/** Filters someone may try on replay (the list's, and SPEC 9.3's window): refused with the way to pick ids. */
const FILTER_FLAGS = ['integration', 'status', 'since', 'until', 'after', 'before', 'hours'] as const;

type ReplayOptions = CommonOptions & Partial<Record<(typeof FILTER_FLAGS)[number], string>>;

/**
 * `whdb webhooks replay <id>...` (docs/cli.md#webhooks): `POST .../logged_webhooks/replay {ids}`
 * sends chosen accepted deliveries through the pipeline again; the api checks every id before it
 * publishes any. The api has no replay by filter: those flags end with a usage error that says
 * how to pick the ids.
 */
export function registerWebhooksReplay(webhooks: Command, ctx: CommandContext): void {
  const replay = webhooks
    .command('replay')
    .description('Send chosen accepted deliveries through the pipeline again (the conditional upsert keeps it safe).')
    .argument('[ids...]', `the logged webhook ids (1-100), as whdb webhooks list shows them`);
  for (const flag of FILTER_FLAGS) replay.addOption(new Option(`--${flag} <value>`).hideHelp());
  withExamples(withOrg(replay), [
    'whdb webhooks replay 101 102',
    "whdb webhooks list --status accepted --since 1h --json | jq -r '.items[] | select(.replayable) | .id' | xargs -r -n 100 whdb webhooks replay",
  ]).action((ids: string[], options: ReplayOptions) =>
    ctx.run('webhooks replay', options, async (out) => {
      const filters = FILTER_FLAGS.filter((flag) => options[flag] !== undefined);
      if (filters.length > 0) throw usageError(REPLAY_BY_FILTER_UNSUPPORTED, { unsupported: filters.map((flag) => `--${flag}`) });
      const unique = parseReplayIds(ids);
      const session = await ctx.session(out, options.org);
      const answer = await ctx.api(session).post<ReplayAnswer>(apiPaths.replayWebhooks(requireOrg(session)), { ids: unique });
      const items = Array.isArray(answer.items) ? answer.items : [];
      const named = items.map((item) => `${item.id} (${item.service_integration_opaque_id})`).join(', ');
      out.result(answer, `Sent ${items.length} ${items.length === 1 ? 'delivery' : 'deliveries'} through the pipeline again: ${named}.`);
    }),
  );
}
