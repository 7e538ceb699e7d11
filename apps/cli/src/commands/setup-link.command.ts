import { Command, InvalidArgumentError } from 'commander';
import { CommandContext, CommonOptions } from '../command-context';
import { requireOrg } from '../config/resolve-session';
import { CliError } from '../errors/cli-error';
import { ExitCode } from '../errors/exit-codes';
import { apiPaths } from '../http/api-paths';
import { withExamples, withOrg } from './help-examples';

interface SetupLinkBody {
  readonly path?: unknown;
  readonly expires_at?: unknown;
}

function seconds(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 900) throw new InvalidArgumentError('expected whole seconds from 1 to 900.');
  return parsed;
}

/**
 * `whdb setup-link <service>` (docs/cli.md#setup-link; docs/setup-terminal.md#setup-links): a
 * one-time link to the web setup terminal of the service, for someone without the organization's
 * token. The URL is the api's (the page is served by the api) and goes to stdout only.
 */
export function registerSetupLink(program: Command, ctx: CommandContext): void {
  const command = program
    .command('setup-link')
    .description('Print a one-time link (15 minutes) to set an integration up in a browser, without sharing the organization token.')
    .argument('<service_name>', 'the service to set up, e.g. increase_account_v1 or front_signalwire_message_channel_app_v1')
    .option('--expires-in <seconds>', 'lifetime of the link in seconds (1-900, default 900)', seconds);
  withExamples(withOrg(command), ['whdb setup-link front_signalwire_message_channel_app_v1', 'whdb setup-link increase_account_v1 --expires-in 300 --json']).action(
    (serviceName: string, options: CommonOptions & { expiresIn?: number }) =>
      ctx.run('setup-link', options, async (out) => {
        const session = await ctx.session(out, options.org);
        const body = await ctx.api(session).post<SetupLinkBody>(apiPaths.setupLinks(requireOrg(session)), { service_name: serviceName, expires_in: options.expiresIn });
        if (typeof body.path !== 'string' || typeof body.expires_at !== 'string') throw new CliError('The api answered without a setup link.', ExitCode.failed, 'invalid_response');
        const url = `${session.apiUrl.replace(/\/+$/, '')}${body.path}`;
        out.result({ ...body, url }, url);
        out.warn(`It works once, until ${body.expires_at}. Anyone with it can set up ${serviceName} for this organization until then.`);
      }),
  );
}
