import { FakeHttpServer, FakeReply, RecordedRequest } from './fake-http-server';

export type IncreaseCursorStyle = 'top_level' | 'response_metadata' | 'both';

export interface FakeIncreaseOptions {
  /** The API key the fake accepts as `Authorization: Bearer <key>`. */
  apiKey: string;
  /** Page size when the client sends no `limit` (Increase's default is 100). */
  defaultLimit?: number;
  /** Where the next cursor goes: the SDKs read `next_cursor`; WebhookDB reads `response_metadata`. */
  cursorStyle?: IncreaseCursorStyle;
}

function unauthorized(): FakeReply {
  return { status: 401, body: { status: 401, type: 'invalid_api_key_error', title: 'The API key is invalid.', detail: null } };
}

function notFound(path: string): FakeReply {
  return { status: 404, body: { status: 404, type: 'object_not_found_error', title: `Could not find ${path}.`, detail: null } };
}

/**
 * Increase's API as documented (docs/replicators/increase_account_v1.md#provider-api): Bearer auth,
 * `GET /accounts` with `cursor`/`limit` pagination and `GET /accounts/:id`. Cursors are opaque to
 * clients.
 */
export class FakeIncrease {
  readonly accounts: Record<string, unknown>[] = [];
  readonly server: FakeHttpServer;
  private readonly options: Required<FakeIncreaseOptions>;

  constructor(options: FakeIncreaseOptions) {
    this.options = { defaultLimit: 100, cursorStyle: 'both', ...options };
    this.server = new FakeHttpServer((request) => this.route(request));
  }

  get url(): string {
    return this.server.url;
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** The next `times` requests get 429 `rate_limited_error` with `Retry-After: retryAfterSeconds`. */
  rateLimit(times = 1, retryAfterSeconds = 1): void {
    this.server.inject({ reply: { status: 429, headers: { 'retry-after': String(retryAfterSeconds) }, body: { status: 429, type: 'rate_limited_error', title: 'You have exceeded the rate limit.', detail: null } } }, times);
  }

  /** The next `times` requests fail with a 5xx `internal_server_error`. */
  serverError(times = 1, status = 500): void {
    this.server.inject({ reply: { status, body: { status, type: 'internal_server_error', title: 'Something went wrong.', detail: null } } }, times);
  }

  /** Every answer waits `ms` first (a slow Increase). */
  slowDown(ms: number): void {
    this.server.latencyMs = ms;
  }

  addAccounts(...accounts: Record<string, unknown>[]): void {
    this.accounts.push(...accounts);
  }

  private route(request: RecordedRequest): FakeReply {
    if (request.headers['authorization'] !== `Bearer ${this.options.apiKey}`) return unauthorized();
    if (request.method === 'GET' && request.path === '/accounts') return this.listAccounts(request.query);
    const match = /^\/accounts\/([^/]+)$/.exec(request.path);
    if (request.method === 'GET' && match) {
      const account = this.accounts.find((a) => a['id'] === match[1]);
      return account ? { status: 200, body: account } : notFound(request.path);
    }
    return notFound(request.path);
  }

  private listAccounts(query: URLSearchParams): FakeReply {
    const limit = Math.min(Number(query.get('limit') ?? this.options.defaultLimit), 100);
    const cursor = query.get('cursor');
    const offset = cursor ? Number(Buffer.from(cursor, 'base64url').toString('utf8').replace('offset:', '')) : 0;
    if (!Number.isInteger(offset) || offset < 0) return { status: 400, body: { status: 400, type: 'invalid_parameters_error', title: 'Invalid cursor.' } };
    const data = this.accounts.slice(offset, offset + limit);
    const next = offset + limit < this.accounts.length ? Buffer.from(`offset:${offset + limit}`).toString('base64url') : null;
    const body: Record<string, unknown> = { data };
    if (this.options.cursorStyle !== 'response_metadata') body['next_cursor'] = next;
    if (this.options.cursorStyle !== 'top_level') body['response_metadata'] = { next_cursor: next };
    return { status: 200, body };
  }
}
