import { Command } from 'commander';
import { CommandContext, CommonOptions } from '../command-context';
import { configFilePath, writeStoredLogin } from '../config/stored-login';
import { apiPaths } from '../http/api-paths';
import { withExamples, withJson } from './help-examples';

interface OrgCreateOptions extends CommonOptions {
  readonly key?: string;
  readonly save?: boolean;
}

interface CreatedOrganization {
  readonly organization: { readonly id: number; readonly key: string; readonly name: string };
  readonly token: string;
}

/**
 * `whdb org create <name>` (docs/cli.md#org-create): `POST /v1/organizations` with the admin
 * token. The organization's admin token is shown once, or saved as the login with `--save`.
 */
export function registerOrg(program: Command, ctx: CommandContext): void {
  const org = withExamples(program.command('org').description('Organizations.'), ['whdb org create "Acme Corp." --key acme']);
  const create = org
    .command('create')
    .description('Create an organization (needs the admin token) and print its admin token, shown only this once.')
    .argument('<name>', 'the organization name, e.g. "Acme Corp."')
    .option('--key <key>', 'its key (lower-case letters, digits, _); derived from the name when absent')
    .option('--save', 'log in as the new organization instead of printing its token');
  withExamples(withJson(create), ['whdb org create "Acme Corp." --key acme', 'whdb org create Acme --save', 'whdb org create Acme --json | jq -r .token']).action(
    (name: string, options: OrgCreateOptions) =>
      ctx.run('org create', options, async (out) => {
        const session = await ctx.session(out);
        const created = await ctx.api(session).post<CreatedOrganization>(apiPaths.organizations(), { name, ...(options.key ? { key: options.key } : {}) });
        const { id, key } = created.organization;
        const label = `Created organization ${created.organization.name} (key ${key}, id ${id}).`;
        if (options.save) {
          const file = configFilePath(ctx.io.env.configDir);
          await writeStoredLogin(file, { api_url: session.apiUrl, token: created.token, org: key });
          out.result({ organization: created.organization, config_path: file }, `${label}\nLogged in as ${key}: its admin token is saved in ${file}.`);
          return;
        }
        out.result(
          created,
          `${label}\nIts admin token, shown only this once:\n\n  ${created.token}\n\nLog in with it: whdb login --org ${key}`,
        );
      }),
  );
}
