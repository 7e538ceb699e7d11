import { Command } from 'commander';

/** Adds an `Examples:` section to a command's `--help` (docs/cli.md). */
export function withExamples(command: Command, examples: readonly string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${examples.map((example) => `  $ ${example}`).join('\n')}\n`);
}

/** `--json` on a command. */
export function withJson(command: Command): Command {
  return command.option('--json', 'print one JSON document on stdout (people-facing text goes to stderr)');
}

/** `--json` and `--org` on a command that acts on an organization. */
export function withOrg(command: Command): Command {
  return withJson(command).option('--org <org>', 'organization key or id (default: WHDB_ORG, else the one saved by whdb login)');
}
