import { Command } from 'commander';
import { CLI_VERSION } from './cli-version';
import { CommandContext } from './command-context';
import { withExamples } from './commands/help-examples';
import { registerBackfill } from './commands/backfill.command';
import { registerDb } from './commands/db.command';
import { registerDlq } from './commands/dlq.command';
import { registerFixture } from './commands/fixture.command';
import { registerIntegrationsCreate } from './commands/integrations-create.command';
import { registerIntegrationsDelete } from './commands/integrations-delete.command';
import { registerIntegrationsHistory } from './commands/integrations-history.command';
import { registerIntegrationsInfo } from './commands/integrations-info.command';
import { registerIntegrationsRebuild } from './commands/integrations-rebuild.command';
import { registerIntegrationsList } from './commands/integrations-list.command';
import { registerIntegrationsReset } from './commands/integrations-reset.command';
import { registerLogin } from './commands/login.command';
import { registerOrg } from './commands/org-create.command';
import { registerSetupLink } from './commands/setup-link.command';
import { registerWebhooks } from './commands/webhooks.command';

/** The `whdb` command tree (CONTRACT "CLI"; docs/cli.md). */
export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('whdb')
    .description('Operate webhookdb-kafka: organizations, integrations and their setup, backfills, webhook logs, analyst credentials, dead letters.')
    .version(CLI_VERSION, '-V, --version')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (text) => ctx.io.stdout.write(text), writeErr: (text) => ctx.io.stderr.write(text) })
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ whdb login',
        '  $ whdb integrations create increase_account_v1',
        '  $ whdb backfill svi_abc123 --wait',
        '  $ whdb integrations list --json',
        '  $ whdb webhooks list --status rejected --since 2h',
        '  $ psql "$(whdb db connection)"',
        '',
        'Every command takes --help, and --json for scripts. Exit status: 0 ok, 1 refused or failed,',
        '2 usage or missing input, 3 not logged in, 4 api unreachable, 5 not on this server yet.',
        'Docs: docs/cli.md',
        '',
      ].join('\n'),
    );
  registerLogin(program, ctx);
  registerOrg(program, ctx);
  const integrations = withExamples(program.command('integrations').description('Integrations: one replicated table each.'), [
    'whdb integrations create increase_account_v1',
    'whdb integrations list --json',
    'whdb integrations info svi_abc123 url',
  ]);
  registerIntegrationsCreate(integrations, ctx);
  registerIntegrationsList(integrations, ctx);
  registerIntegrationsInfo(integrations, ctx);
  registerIntegrationsReset(integrations, ctx);
  registerIntegrationsDelete(integrations, ctx);
  registerIntegrationsRebuild(integrations, ctx);
  registerIntegrationsHistory(integrations, ctx);
  registerBackfill(program, ctx);
  registerFixture(program, ctx);
  registerWebhooks(program, ctx);
  registerDb(program, ctx);
  registerDlq(program, ctx);
  registerSetupLink(program, ctx);
  // Sub-commands inherit the error handling and the output streams.
  for (const command of allCommands(program)) {
    command.exitOverride().configureOutput(program.configureOutput()).showSuggestionAfterError();
  }
  return program;
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((child) => [child, ...allCommands(child)]);
}
