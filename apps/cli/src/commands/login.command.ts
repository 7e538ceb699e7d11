import { Command } from 'commander';
import { CommandContext, CommonOptions } from '../command-context';
import { configFilePath, readStoredLogin, writeStoredLogin } from '../config/stored-login';
import { usageError } from '../errors/cli-error';
import { ApiClient } from '../http/api-client';
import { ApiError } from '../http/api-error';
import { apiPaths } from '../http/api-paths';
import { readAll } from '../terminal/read-all';
import { withExamples, withJson } from './help-examples';

interface LoginOptions extends CommonOptions {
  readonly apiUrl?: string;
  readonly tokenStdin?: boolean;
  readonly verify: boolean;
}

export const DEFAULT_API_URL = 'http://127.0.0.1:18002';

/** `whdb login` (docs/cli.md#login): saves the api URL, a token and a default organization. */
export function registerLogin(program: Command, ctx: CommandContext): void {
  const command = program
    .command('login')
    .description('Save the api URL and a token (and a default organization) in ~/.config/whdb/config.json, mode 0600.')
    .option('--api-url <url>', `the api base URL (default: WHDB_API_URL, else asked; ${DEFAULT_API_URL} locally)`)
    .option('--token-stdin', 'read the token from stdin instead of asking for it')
    .option('--org <org>', 'the organization later commands act on (key or id)')
    .option('--no-verify', 'save without checking the token with the api');
  withExamples(withJson(command), [
    'whdb login',
    `whdb login --api-url ${DEFAULT_API_URL} --org acme`,
    `printf '%s' "$WHDB_ORG_TOKEN" | whdb login --api-url https://whdb.example.com --token-stdin --org acme`,
  ]).action((options: LoginOptions) =>
    ctx.run('login', options, async (out) => {
      const file = configFilePath(ctx.io.env.configDir);
      const previous = (await readStoredLogin(file).catch(() => undefined))?.login;
      const prompter = ctx.prompter(out);
      const apiUrl = normalizeApiUrl(
        options.apiUrl ??
          ctx.io.env.apiUrl ??
          (prompter.interactive
            ? await prompter.ask({ field: 'api_url', prompt: 'Api URL:', secret: false, defaultValue: previous?.api_url ?? DEFAULT_API_URL })
            : usage('Pass --api-url <url> (stdin is not a terminal to ask).')),
      );
      let token: string;
      if (options.tokenStdin) token = (await readAll(ctx.io.stdin)).trim();
      else if (prompter.interactive) token = (await prompter.ask({ field: 'token', prompt: 'Token:', secret: true })).trim();
      else token = ctx.io.env.token ?? usage('Pass the token on stdin with --token-stdin (stdin is not a terminal to ask).');
      if (!token) throw usageError('The token is empty.');
      const orgAnswer =
        options.org ?? (prompter.interactive ? await prompter.ask({ field: 'org', prompt: 'Organization key (empty for none):', secret: false, defaultValue: previous?.org ?? '' }) : undefined);
      const org = orgAnswer?.trim() || undefined;
      if (options.verify) await verifyToken(new ApiClient(apiUrl, token), org);
      await writeStoredLogin(file, { api_url: apiUrl, token, ...(org ? { org } : {}) });
      out.result(
        { api_url: apiUrl, org: org ?? null, config_path: file },
        `Logged in to ${apiUrl}${org ? ` (organization ${org})` : ''}. Saved to ${file}.`,
      );
    }),
  );
}

function usage(message: string): never {
  throw usageError(message);
}

export function normalizeApiUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw usageError(`The api URL is not a URL; give its base URL, e.g. ${DEFAULT_API_URL}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usageError('The api URL must start with http:// or https://.');
  return url.toString().replace(/\/+$/, '');
}

/**
 * Checks the token before saving it: with an organization, listing its integrations must work;
 * without one, the api must not answer 401 (a 403 for a made-up organization means it knew the
 * token) (docs/behaviour/integrations-api.md#auth).
 */
async function verifyToken(api: ApiClient, org: string | undefined): Promise<void> {
  try {
    await api.get(apiPaths.integrations(org ?? '-'));
  } catch (error) {
    if (!org && error instanceof ApiError && error.status === 403) return;
    throw error;
  }
}
