import { ApiProblem } from './api-problem';
import { isSafeApiPath } from './api-path';

/** What the conversation needs of the api. */
export interface SetupApi {
  post(path: string, body?: unknown): Promise<unknown>;
  get(path: string): Promise<unknown>;
}

/** A session opened from a setup link (`POST /v1/setup_sessions`; docs/setup-terminal.md#setup-links). */
export interface OpenedSetupSession {
  readonly token: string;
  readonly expires_at: string;
  readonly organization: { readonly id: number; readonly key: string; readonly name: string };
  readonly service_name: string;
}

/**
 * Calls the api of this origin with a token held in this object only: never in the URL, storage,
 * cookies or history (docs/setup-terminal.md#security).
 */
export class ApiSession implements SetupApi {
  readonly #token: string;

  constructor(token: string) {
    this.#token = token;
  }

  /** Exchanges a setup link's grant, once, for a setup session. */
  static async fromGrant(grant: string): Promise<{ api: ApiSession; session: OpenedSetupSession }> {
    const session = (await send('POST', '/v1/setup_sessions', undefined, { grant })) as OpenedSetupSession;
    return { api: new ApiSession(session.token), session };
  }

  post(path: string, body: unknown = {}): Promise<unknown> {
    return send('POST', path, this.#token, body);
  }

  get(path: string): Promise<unknown> {
    return send('GET', path, this.#token);
  }
}

async function send(method: string, path: string, token: string | undefined, body?: unknown): Promise<unknown> {
  if (!isSafeApiPath(path)) throw new ApiProblem(0, 'unsafe_path', 'The api asked to send an answer somewhere other than itself; nothing was sent.', {});
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', cache: 'no-store', redirect: 'error', referrerPolicy: 'no-referrer' });
  } catch {
    throw new ApiProblem(0, 'unreachable', 'The api cannot be reached. Check your connection and try again.', {});
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = undefined;
  }
  if (!response.ok) throw ApiProblem.from(response.status, parsed);
  return parsed;
}
