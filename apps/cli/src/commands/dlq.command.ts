import { Command } from 'commander';
import { CommandContext, CommonOptions } from '../command-context';
import { usageError } from '../errors/cli-error';
import { apiPaths } from '../http/api-paths';
import { DeadLetterPage, DeadLetterTopics, RedriveAnswer } from '../dlq/dead-letter';
import { MAX_DLQ_PAGE, parseDlqCursor, parseDlqLimit, parseDlqTopic, parsePositions } from '../dlq/dlq-arguments';
import { describeRedrive, renderDeadLetters, renderTopics } from '../dlq/dlq-table';
import { withExamples, withJson } from './help-examples';

interface ListOptions extends CommonOptions {
  readonly limit?: string;
  readonly cursor?: string;
}

interface RedriveOptions extends CommonOptions {
  readonly all?: boolean;
}

/**
 * `whdb dlq list|redrive` (docs/cli.md#dlq; docs/behaviour/dead-letters.md; runbook
 * docs/runbooks/drain-a-dlq.md): the admin api's dead letters, `GET /v1/admin/dlq` and
 * `POST /v1/admin/dlq/redrive`. They need the admin token (`WHDB_TOKEN`, or a login with it).
 */
export function registerDlq(program: Command, ctx: CommandContext): void {
  const dlq = withExamples(program.command('dlq').description('Dead-letter topics: list their messages and redrive them (admin token).'), [
    'whdb dlq list',
    'whdb dlq redrive whdb.inbound.increase_account_v1.dlq --all',
  ]);

  const list = dlq
    .command('list')
    .description('List the dead-letter topics and their counts, or the messages of one with their x-dlq-* error.')
    .argument('[topic]', 'a dead-letter topic, e.g. whdb.inbound.increase_account_v1.dlq')
    .option('--limit <n>', `page size, 1-${MAX_DLQ_PAGE} (default 50)`)
    .option('--cursor <cursor>', 'the next page, as printed after the previous one');
  withExamples(withJson(list), [
    'whdb dlq list',
    'whdb dlq list whdb.inbound.increase_account_v1.dlq --limit 500',
    "whdb dlq list whdb.inbound.increase_account_v1.dlq --json | jq -r '.items[] | select(.redriven_at == null) | \"\\(.partition):\\(.offset)\"'",
  ]).action((topicArgument: string | undefined, options: ListOptions) =>
    ctx.run('dlq list', options, async (out) => {
      if (topicArgument === undefined) {
        if (options.limit !== undefined || options.cursor !== undefined) throw usageError('--limit and --cursor page the messages of one topic: whdb dlq list <topic>.dlq --limit ...');
        const session = await ctx.session(out);
        const body = await ctx.api(session).get<DeadLetterTopics>(apiPaths.deadLetters());
        out.result(body, renderTopics(Array.isArray(body.topics) ? body.topics : []));
        return;
      }
      const topic = parseDlqTopic(topicArgument);
      const query = { topic, limit: parseDlqLimit(options.limit), cursor: parseDlqCursor(options.cursor) };
      const session = await ctx.session(out);
      const page = await ctx.api(session).get<DeadLetterPage>(apiPaths.deadLetters(), query);
      const items = Array.isArray(page.items) ? page.items : [];
      const limit = query.limit === undefined ? '' : ` --limit ${query.limit}`;
      const more = page.next_cursor ? `\nNext page: whdb dlq list ${topic}${limit} --cursor ${page.next_cursor}` : '';
      out.result(page, items.length ? `${renderDeadLetters(items)}${more}` : `No messages in ${topic}.`);
    }),
  );

  const redrive = dlq
    .command('redrive')
    .description('Publish dead letters back to the topic they failed on, each at most once (fix the cause first).')
    .argument('<topic>', 'the dead-letter topic')
    .argument('[positions...]', `the messages, as <partition>:<offset> (at most ${MAX_DLQ_PAGE})`)
    .option('--all', 'every message the topic holds now');
  withExamples(withJson(redrive), [
    'whdb dlq redrive whdb.inbound.increase_account_v1.dlq 0:120 0:121',
    'whdb dlq redrive whdb.inbound.increase_account_v1.dlq --all',
  ]).action((topicArgument: string, positionArguments: string[], options: RedriveOptions) =>
    ctx.run('dlq redrive', options, async (out) => {
      const topic = parseDlqTopic(topicArgument);
      if (Boolean(options.all) === positionArguments.length > 0) throw usageError('Give either the messages (<partition>:<offset> ...) or --all.');
      const body = options.all ? { topic, all: true } : { topic, messages: parsePositions(positionArguments) };
      const session = await ctx.session(out);
      const answer = await ctx.api(session).post<RedriveAnswer>(apiPaths.redriveDeadLetters(), body);
      out.result(answer, describeRedrive(answer));
    }),
  );
}
