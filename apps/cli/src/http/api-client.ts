import { CliError } from '../errors/cli-error';
import { ExitCode } from '../errors/exit-codes';
import { apiErrorFrom } from './api-error';

export const API_TIMEOUT_MS = 30_000;

/** One path segment from user input (an org key, an integration id), escaped for a URL. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/**
 * The api over HTTP with the session's Bearer token (docs/behaviour/integrations-api.md#auth).
 * Every path is relative to the api URL: a `post_to_url` from the server that is not a plain
 * path is refused, so the token is never sent to another host.
 */
export class ApiClient {
  constructor(
    readonly apiUrl: string,
    private readonly token: string,
    private readonly timeoutMs = API_TIMEOUT_MS,
  ) {}

  get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const suffix = params.size ? `?${params.toString()}` : '';
    return this.request<T>('GET', `${path}${suffix}`);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (!/^\/(?!\/)/.test(path)) {
      throw new CliError(`The api asked to post to "${path}", which is not a path on the api; refusing.`, ExitCode.failed, 'invalid_post_url');
    }
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.apiUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw unreachable(this.apiUrl, error);
    }
    const parsed = parseJson(text);
    const pathOnly = path.split('?')[0];
    if (!response.ok) throw apiErrorFrom(method, pathOnly, response.status, parsed, text);
    if (parsed === undefined) {
      throw new CliError(`The api answered ${method} ${pathOnly} with something that is not JSON.`, ExitCode.failed, 'invalid_response');
    }
    return parsed as T;
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function unreachable(apiUrl: string, error: unknown): CliError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason =
    (error as Error).name === 'TimeoutError' ? 'timed out' : (cause?.code ?? cause?.message ?? (error as Error).message ?? 'unknown error');
  return new CliError(`Could not reach the api at ${apiUrl} (${reason}).`, ExitCode.unreachable, 'api_unreachable');
}
