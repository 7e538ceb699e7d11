import { Command } from 'commander';
import { CommandContext, CommonOptions } from '../command-context';
import { requireOrg } from '../config/resolve-session';
import { usageError } from '../errors/cli-error';
import { apiPaths } from '../http/api-paths';
import { renderTable } from '../output/render-table';
import { LoggedWebhookPage } from '../webhooks/logged-webhook';
import { listQuery, parseLimit, parseStatusFilter, parseTimeFilter, WEBHOOK_TABLE_HEADERS, webhookRow } from '../webhooks/webhook-query';
import { withExamples, withOrg } from './help-examples';

interface ListOptions extends CommonOptions {
  readonly integration?: string;
  readonly status?: string;
  readonly after?: string;
  readonly before?: string;
  readonly limit?: string;
  readonly cursor?: string;
}

interface ReplayOptions extends CommonOptions {
  readonly integration?: string;
  readonly after?: string;
  readonly before?: string;
  readonly hours?: string;
}

/**
 * `whdb webhooks list|replay` (docs/cli.md#webhooks; SPEC 9.3): the audit log of deliveries
 * (`GET .../logged_webhooks`) and sending chosen deliveries through the pipeline again
 * (`POST .../logged_webhooks/replay`).
 */
export function registerWebhooks(program: Command, ctx: CommandContext): void {
  const webhooks = program.command('webhooks').description('The audit log of webhook deliveries, and replay.');
  const time = 'an ISO 8601 time, or a duration back from now (30m, 2h, 7d)';

  const list = webhooks
    .command('list')
    .description('List logged deliveries, newest first: accepted and rejected.')
    .option('--integration <sint>', 'only this integration')
    .option('--status <status>', 'accepted, rejected, or an HTTP status such as 401')
    .option('--after <time>', `received after ${time}`)
    .option('--before <time>', `received before ${time}`)
    .option('--limit <n>', 'at most this many (1-1000)')
    .option('--cursor <cursor>', 'the next page, as printed after the previous one');
  withExamples(withOrg(list), ['whdb webhooks list --status rejected --after 2h', 'whdb webhooks list --integration svi_abc123 --json']).action((options: ListOptions) =>
    ctx.run('webhooks list', options, async (out) => {
      const query = listQuery({
        integration: options.integration,
        status: parseStatusFilter(options.status),
        after: parseTimeFilter('--after', options.after, Date.now()),
        before: parseTimeFilter('--before', options.before, Date.now()),
        limit: parseLimit(options.limit),
        cursor: options.cursor,
      });
      const session = await ctx.session(out, options.org);
      const page = await ctx.api(session).get<LoggedWebhookPage>(apiPaths.loggedWebhooks(requireOrg(session)), query);
      const items = Array.isArray(page.items) ? page.items : [];
      const more = page.next_cursor ? `\nMore: whdb webhooks list --cursor ${page.next_cursor}` : '';
      out.result(page, items.length ? `${renderTable(WEBHOOK_TABLE_HEADERS, items.map(webhookRow))}${more}` : 'No logged webhooks match.');
    }),
  );

  const replay = webhooks
    .command('replay')
    .description('Send logged deliveries through the pipeline again (the upsert guard keeps it safe): chosen ids, or a time window.')
    .argument('[ids...]', 'the logged webhook ids to replay')
    .option('--integration <sint>', 'only this integration')
    .option('--after <time>', `received after ${time}`)
    .option('--before <time>', `received before ${time}`)
    .option('--hours <n>', 'the window length when only one end is given');
  withExamples(withOrg(replay), ['whdb webhooks replay 101 102', 'whdb webhooks replay --integration svi_abc123 --after 1h']).action((ids: string[], options: ReplayOptions) =>
    ctx.run('webhooks replay', options, async (out) => {
      if (ids.some((id) => !/^\d+$/.test(id))) throw usageError('Logged webhook ids are whole numbers, as whdb webhooks list shows them.');
      if (options.hours !== undefined && !/^\d+$/.test(options.hours)) throw usageError('--hours must be a whole number.');
      const body = {
        ...(ids.length ? { ids: ids.map(Number) } : {}),
        ...(options.integration ? { service_integration_identifier: options.integration } : {}),
        ...(options.after ? { after: parseTimeFilter('--after', options.after, Date.now()) } : {}),
        ...(options.before ? { before: parseTimeFilter('--before', options.before, Date.now()) } : {}),
        ...(options.hours ? { hours: Number(options.hours) } : {}),
      };
      const session = await ctx.session(out, options.org);
      const answer = await ctx.api(session).post<{ message?: string }>(apiPaths.replayWebhooks(requireOrg(session)), body);
      out.result(answer, typeof answer.message === 'string' && answer.message ? answer.message : 'Replay requested.');
    }),
  );
}
