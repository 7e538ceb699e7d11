import { CliError, usageError } from '../errors/cli-error';
import { ExitCode } from '../errors/exit-codes';
import { CliEnvironment } from './cli-environment';
import { configFilePath, readStoredLogin } from './stored-login';

/** Where commands send their requests, and as whom (docs/cli.md#configuration). */
export interface Session {
  readonly apiUrl: string;
  readonly token: string;
  readonly org?: string;
  /** Set when the login file may be read by others (a warning is printed). */
  readonly warning?: string;
}

/**
 * The api URL and token: `WHDB_API_URL` / `WHDB_TOKEN` override the saved login one by one; the
 * organization is `--org`, else `WHDB_ORG`, else the saved one.
 */
export async function resolveSession(env: CliEnvironment, orgFlag?: string): Promise<Session> {
  const file = configFilePath(env.configDir);
  const stored = env.apiUrl && env.token ? undefined : await readStoredLogin(file);
  const apiUrl = env.apiUrl ?? stored?.login.api_url;
  const token = env.token ?? stored?.login.token;
  if (!apiUrl || !token) {
    throw new CliError('Not logged in: run `whdb login` (or set WHDB_API_URL and WHDB_TOKEN).', ExitCode.auth, 'not_logged_in');
  }
  return {
    apiUrl: apiUrl.replace(/\/+$/, ''),
    token,
    org: orgFlag?.trim() || env.org || stored?.login.org,
    warning: stored?.tooOpen ? `warning: ${file} can be read by other users; run: chmod 600 ${file}` : undefined,
  };
}

/** The organization a command acts on, or a usage error naming the ways to give one. */
export function requireOrg(session: Session): string {
  if (!session.org) throw usageError('No organization: pass --org <key>, set WHDB_ORG, or run `whdb login --org <key>`.');
  return session.org;
}
