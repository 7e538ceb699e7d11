import { Command } from 'commander';
import { CommandContext, CommonOptions } from '../command-context';
import { requireOrg } from '../config/resolve-session';
import { CliError } from '../errors/cli-error';
import { ExitCode } from '../errors/exit-codes';
import { apiPaths } from '../http/api-paths';
import { withExamples, withOrg } from './help-examples';

/**
 * `whdb db connection` (CONTRACT: `GET /v1/organizations/{org}/db/connection`): the read-only
 * Postgres URL analysts connect with. It holds a password: it is printed on stdout only, for
 * `psql "$(whdb db connection)"`.
 */
export function registerDb(program: Command, ctx: CommandContext): void {
  const db = program.command('db').description("The organization's database.");
  const connection = db.command('connection').description("Print the read-only Postgres URL of the organization's tables.");
  withExamples(withOrg(connection), ['psql "$(whdb db connection)"', 'whdb db connection --org acme --json']).action((options: CommonOptions) =>
    ctx.run('db connection', options, async (out) => {
      const session = await ctx.session(out, options.org);
      const body = await ctx.api(session).get<{ connection_url?: unknown }>(apiPaths.dbConnection(requireOrg(session)));
      if (typeof body.connection_url !== 'string') throw new CliError('The api answered without a connection_url.', ExitCode.failed, 'invalid_response');
      out.result(body, body.connection_url);
    }),
  );
}
