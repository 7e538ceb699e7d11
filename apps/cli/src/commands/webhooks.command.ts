import { Command } from 'commander';
import { CommandContext } from '../command-context';
import { withExamples } from './help-examples';
import { registerWebhooksList } from './webhooks-list.command';
import { registerWebhooksReplay } from './webhooks-replay.command';

/** `whdb webhooks list|replay` (docs/cli.md#webhooks; docs/behaviour/audit-log.md). */
export function registerWebhooks(program: Command, ctx: CommandContext): void {
  const webhooks = withExamples(program.command('webhooks').description('The audit log of webhook deliveries, and replay.'), [
    'whdb webhooks list --status rejected --since 2h',
    'whdb webhooks replay 101 102',
  ]);
  registerWebhooksList(webhooks, ctx);
  registerWebhooksReplay(webhooks, ctx);
}
