import { Command } from 'commander';
import { CommandContext, CommonOptions } from '../command-context';
import { requireOrg } from '../config/resolve-session';
import { AnalystConnectionBody, connectionUrlOf } from '../db/analyst-connection';
import { confirmRoll } from '../db/confirm-roll';
import { apiPaths } from '../http/api-paths';
import { withExamples, withOrg } from './help-examples';

interface RollOptions extends CommonOptions {
  readonly yes?: boolean;
}

/**
 * `whdb db connection|roll-credentials` (docs/cli.md#db; docs/behaviour/analyst-access.md): the
 * read-only Postgres URL analysts connect with, and its rotation. Both exist to show the URL, which
 * holds a password: it is printed on stdout only (the URL alone without `--json`, for
 * `psql "$(whdb db connection)"`), never on stderr. Org admins only.
 */
export function registerDb(program: Command, ctx: CommandContext): void {
  const db = withExamples(program.command('db').description("The organization's database: read-only credentials for analysts."), ['psql "$(whdb db connection)"', 'whdb db roll-credentials']);

  const connection = db.command('connection').description("Print the read-only Postgres URL of the organization's tables (it holds the password).");
  withExamples(withOrg(connection), ['psql "$(whdb db connection)"', "whdb db connection --org acme --json | jq -r .username"]).action((options: CommonOptions) =>
    ctx.run('db connection', options, async (out) => {
      const session = await ctx.session(out, options.org);
      const body = await ctx.api(session).get<AnalystConnectionBody>(apiPaths.dbConnection(requireOrg(session)));
      out.result(body, connectionUrlOf(body));
    }),
  );

  const roll = db
    .command('roll-credentials')
    .description('Give the read-only role a new password and print the new URL; the old password stops working at once. Asks first.')
    .option('--yes', 'do not ask for confirmation (needed when stdin is not a terminal)');
  withExamples(withOrg(roll), ['whdb db roll-credentials', 'whdb db roll-credentials --yes --json | jq -r .connection_url']).action((options: RollOptions) =>
    ctx.run('db roll-credentials', options, async (out) => {
      const session = await ctx.session(out, options.org);
      const org = requireOrg(session);
      if (!options.yes) await confirmRoll(ctx.prompter(out), org);
      const body = await ctx.api(session).post<AnalystConnectionBody>(apiPaths.rollDbCredentials(org));
      const url = connectionUrlOf(body);
      // The notice goes to stderr, so that stdout holds the URL alone (or the JSON document).
      out.warn(`Rolled the read-only credentials of ${org}: the old password no longer works. The new URL is on stdout.`);
      out.result(body, url);
    }),
  );
}
