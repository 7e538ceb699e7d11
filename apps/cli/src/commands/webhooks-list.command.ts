import { Command } from 'commander';
import { CommandContext, CommonOptions } from '../command-context';
import { requireOrg } from '../config/resolve-session';
import { apiPaths } from '../http/api-paths';
import { renderTable } from '../output/render-table';
import { LoggedWebhookFilters, LoggedWebhookPage } from '../webhooks/logged-webhook';
import { listQuery, MAX_LIST_LIMIT, parseCursor, parseLimit, parseStatusFilter, parseTimeFilter, WEBHOOK_TABLE_HEADERS, webhookRow } from '../webhooks/webhook-query';
import { withExamples, withOrg } from './help-examples';

interface ListOptions extends CommonOptions {
  readonly integration?: string;
  readonly status?: string;
  readonly since?: string;
  readonly until?: string;
  readonly limit?: string;
  readonly cursor?: string;
}

export const TIME_HELP = 'an ISO 8601 time, or a duration back from now (30m, 2h, 7d)';

/** The command that prints the next page: the same filters (times resolved, so the window does not move) and the cursor. */
function nextPageCommand(filters: LoggedWebhookFilters, org: string | undefined, cursor: string): string {
  const flags = [
    filters.integration && `--integration ${filters.integration}`,
    filters.status && `--status ${filters.status}`,
    filters.since && `--since ${filters.since}`,
    filters.until && `--until ${filters.until}`,
    filters.limit && `--limit ${filters.limit}`,
    org && `--org ${org}`,
  ].filter(Boolean);
  return ['whdb webhooks list', ...flags, `--cursor ${cursor}`].join(' ');
}

/**
 * `whdb webhooks list` (docs/cli.md#webhooks): `GET /v1/organizations/{org}/logged_webhooks`,
 * newest first, filtered by integration, status and time, a page at a time.
 */
export function registerWebhooksList(webhooks: Command, ctx: CommandContext): void {
  const list = webhooks
    .command('list')
    .description('List logged deliveries, newest first: accepted and refused.')
    .option('--integration <sint>', 'only this integration (opaque id, table or service name; ids of deleted integrations work too)')
    .option('--status <status>', 'accepted or rejected')
    .option('--since <time>', `received at or after ${TIME_HELP}`)
    .option('--until <time>', `received before ${TIME_HELP}`)
    .option('--limit <n>', `page size, 1-${MAX_LIST_LIMIT} (default 50)`)
    .option('--cursor <cursor>', 'the next page, as printed after the previous one');
  withExamples(withOrg(list), [
    'whdb webhooks list --status rejected --since 2h',
    'whdb webhooks list --integration svi_abc123 --limit 200 --json',
    "whdb webhooks list --since 2026-12-02T08:00:00Z --until 2026-12-02T09:00:00Z --json | jq -r '.items[].id'",
  ]).action((options: ListOptions) =>
    ctx.run('webhooks list', options, async (out) => {
      const now = Date.now();
      const filters: LoggedWebhookFilters = {
        integration: options.integration,
        status: parseStatusFilter(options.status),
        since: parseTimeFilter('--since', options.since, now),
        until: parseTimeFilter('--until', options.until, now),
        limit: parseLimit(options.limit),
        cursor: parseCursor(options.cursor),
      };
      const query = listQuery(filters);
      const session = await ctx.session(out, options.org);
      const page = await ctx.api(session).get<LoggedWebhookPage>(apiPaths.loggedWebhooks(requireOrg(session)), query);
      const items = Array.isArray(page.items) ? page.items : [];
      const more = page.next_cursor ? `\nNext page: ${nextPageCommand(filters, options.org, page.next_cursor)}` : '';
      out.result(page, items.length ? `${renderTable(WEBHOOK_TABLE_HEADERS, items.map(webhookRow))}${more}` : 'No logged webhooks match.');
    }),
  );
}
