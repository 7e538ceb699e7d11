import { createHmac } from 'node:crypto';
import { FakeHttpServer, FakeReply, RecordedRequest } from './fake-http-server';

export interface FakeFrontSignalwireMessageChannelAppV1ApiOptions {
  /** The API key the fake accepts as `Authorization: Bearer <key>`. */
  readonly apiKey: string;
  /** The largest page it serves, whatever `limit` asks for (small in tests, to force paging). */
  readonly maxPageSize?: number;
}

function error(status: number, message: string): FakeReply {
  return { status, body: { error: { status, message } } };
}

/**
 * The Front SignalWire API as the `front_signalwire_message_channel_app_v1` replicator expects it (docs/adding-a-replicator.md,
 * "Backfill"): Bearer auth, `GET /signalwire_message_channel_apps?limit=<n>&cursor=<c>` answering
 * `{data: [...], next_cursor}` with opaque cursors, and `GET /signalwire_message_channel_apps/:id`.
 * TODO(provider): make it answer the way the real API is documented to, errors included.
 */
export class FakeFrontSignalwireMessageChannelAppV1Api {
  readonly items: Record<string, unknown>[] = [];
  readonly server: FakeHttpServer;
  private readonly maxPageSize: number;

  constructor(private readonly options: FakeFrontSignalwireMessageChannelAppV1ApiOptions) {
    this.maxPageSize = options.maxPageSize ?? 100;
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

  add(...items: Record<string, unknown>[]): this {
    this.items.push(...items);
    return this;
  }

  private route(request: RecordedRequest): FakeReply {
    if (request.headers['authorization'] !== `Bearer ${this.options.apiKey}`) return error(401, 'invalid API key');
    if (request.method === 'GET' && request.path === '/signalwire_message_channel_apps') return this.list(request.query);
    const match = /^\/signalwire_message_channel_apps\/([^/]+)$/.exec(request.path);
    const item = match && this.items.find((i) => i['id'] === match[1]);
    return request.method === 'GET' && item ? { status: 200, body: item } : error(404, `no such object: ${request.path}`);
  }

  private list(query: URLSearchParams): FakeReply {
    const limit = Math.min(Number(query.get('limit') ?? this.maxPageSize), this.maxPageSize);
    const cursor = query.get('cursor');
    const offset = cursor === null ? 0 : Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^after:/, ''));
    if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0) return error(400, 'invalid limit or cursor');
    const end = offset + limit;
    const next = end < this.items.length ? Buffer.from(`after:${end}`).toString('base64url') : null;
    return { status: 200, body: { data: this.items.slice(offset, end), next_cursor: next } };
  }
}

/**
 * Signs a delivery the way Front SignalWire does: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 * Written independently of the replicator's verifier, so tests check it against the protocol.
 */
export function frontSignalwireMessageChannelAppV1SignatureHeader(rawBody: string, secret: string, at: Date = new Date()): string {
  const t = String(Math.floor(at.getTime() / 1000));
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex')}`;
}
