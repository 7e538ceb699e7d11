import { randomUUID } from 'node:crypto';
import { DEFAULT_PROVIDER_ENDPOINTS, JsonObject, ProviderEndpoints } from '@whdb/core';
import { signalwireTime, TEST_SIGNALWIRE_PROJECT_ID } from '../builders/signalwire-message.builder';
import { FakeHttpServer, FakeReply, RecordedRequest } from './fake-http-server';
import { SignalwireMessageSource } from './signalwire-message-source';
import { sentDay, signalwireError } from './signalwire-wire';

/** One media item of a message (MMS), served as SignalWire does (docs/behaviour/outbound-sender.md#front-import-body). */
export interface FakeSignalwireMedia {
  readonly contentType: string;
  readonly bytes: Buffer;
}

/** What the fake got when it fetched a `MediaUrl` of a send, as SignalWire does (without credentials). */
export interface FetchedMedia {
  readonly url: string;
  readonly status: number;
  readonly contentType: string | null;
  readonly bytes: Buffer;
}

export interface FakeSignalwireOptions {
  readonly projectId?: string;
  readonly apiToken?: string;
  /** The space (subdomain) the fake answers for; requests arrive under `/<space>/...`. */
  readonly space?: string;
  /** `PageSize` when the client sends none (SignalWire: 50). */
  readonly defaultPageSize?: number;
  /**
   * Serves pages of this many messages whatever `PageSize` the client asked for (the backfill
   * bench's `--page-size`: the replicator always asks for 100). Unset: the asked size, as SignalWire.
   */
  readonly servedPageSize?: number;
}

const MAX_PAGE_SIZE = 1000;
/**
 * SignalWire's Compatibility (LaML) REST API for messages, as documented
 * (docs/replicators/signalwire_message_v1.md#provider-api): Basic auth with project id and API
 * token; `GET .../Messages.json` newest first with `PageSize`, `PageToken`/`Page`, the `DateSent`,
 * `DateSent<` (on or before) and `DateSent>` (on or after) filters (`DateSend<` is ignored, as by
 * SignalWire), `next_page_uri` a path with its own query and `null` on the last page;
 * `POST .../Messages.json` (form) to send; `GET .../Messages/<sid>.json`. Faults: `rateLimit`,
 * `serverError`, `server.latencyMs`, `failSends`. Every request is in `server.requests`.
 * Histories from `generate` are built page by page, never held whole.
 */
export class FakeSignalwire {
  readonly server: FakeHttpServer;
  readonly projectId: string;
  readonly apiToken: string;
  readonly space: string;
  /** Messages created through the send endpoint, in order. */
  readonly sent: JsonObject[] = [];
  private stored: JsonObject[] = [];
  private generated: SignalwireMessageSource = { count: 0, at: () => ({}) };
  private readonly sendFailures: FakeReply[] = [];
  private readonly media = new Map<string, { sid: string; contentType: string; bytes: Buffer }[]>();
  /** Sends are stored at once but answered this much later (a window to crash the caller in). */
  sendAnswerDelayMs = 0;
  /** When true, each send fetches its `MediaUrl`s (no credentials) before answering, into `fetchedMedia`. */
  fetchMediaUrls = false;
  readonly fetchedMedia: FetchedMedia[] = [];

  constructor(private readonly options: FakeSignalwireOptions = {}) {
    this.projectId = options.projectId ?? TEST_SIGNALWIRE_PROJECT_ID;
    this.apiToken = options.apiToken ?? 'PTsignalwire-api-token';
    this.space = options.space ?? 'acme';
    this.server = new FakeHttpServer((request) => this.route(request));
  }

  get url(): string {
    return this.server.url;
  }

  /** The `SIGNALWIRE_URL_TEMPLATE` that points at this fake. */
  get urlTemplate(): string {
    return `${this.url}/{space}`;
  }

  /** Provider endpoints for a backfill or setup context (SignalWire = this fake). */
  get providers(): ProviderEndpoints {
    return { ...DEFAULT_PROVIDER_ENDPOINTS, signalwireUrlTemplate: this.urlTemplate };
  }

  /** `/api/laml/2010-04-01/Accounts/<project>/Messages.json` */
  get messagesPath(): string {
    return `/api/laml/2010-04-01/Accounts/${this.projectId}/Messages.json`;
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Adds messages, newer than any generated history; kept newest first. */
  addMessages(...messages: JsonObject[]): this {
    this.stored = [...this.stored, ...messages].sort((a, b) => sentDay(b).localeCompare(sentDay(a)) || Date.parse(String(b['date_created'])) - Date.parse(String(a['date_created'])));
    return this;
  }

  /** Serves `source` (newest first) after the added messages. */
  generate(source: SignalwireMessageSource): this {
    this.generated = source;
    return this;
  }

  get messageCount(): number {
    return this.stored.length + this.generated.count;
  }

  messageAt(index: number): JsonObject {
    return index < this.stored.length ? this.stored[index]! : this.generated.at(index - this.stored.length);
  }

  /** The next `times` requests get 429 with `Retry-After: retryAfterSeconds`. */
  rateLimit(times = 1, retryAfterSeconds = 1): void {
    this.server.inject({ reply: signalwireError(429, 20429, 'Too Many Requests', { 'retry-after': String(retryAfterSeconds) }) }, times);
  }

  /** The next `times` requests fail with a 5xx. */
  serverError(times = 1, status = 500): void {
    this.server.inject({ reply: signalwireError(status, 20500, 'Internal Server Error') }, times);
  }

  /** The next `times` sends answer `reply` (e.g. 422 with code 21717). */
  failSends(reply: FakeReply, times = 1): void {
    for (let i = 0; i < times; i += 1) this.sendFailures.push(reply);
  }

  /** Media of message `sid` (SignalWire's `.../Messages/<sid>/Media.json`; bytes at the item uri without `.json`). */
  addMedia(sid: string, ...items: FakeSignalwireMedia[]): this {
    const list = this.media.get(sid) ?? [];
    for (const item of items) list.push({ sid: `ME${randomUUID().replace(/-/g, '')}`, contentType: item.contentType, bytes: item.bytes });
    this.media.set(sid, list);
    return this;
  }

  /** POST requests of the send endpoint, in order. */
  sendRequests(): RecordedRequest[] {
    return this.server.requests.filter((r) => r.method === 'POST' && r.path.endsWith(this.messagesPath));
  }

  /** GET requests of the messages list, in order (the request log tests read). */
  listRequests(): RecordedRequest[] {
    return this.server.requests.filter((r) => r.method === 'GET' && r.path.endsWith(this.messagesPath));
  }

  private async route(request: RecordedRequest): Promise<FakeReply> {
    const segments = request.path.split('/');
    const inSpace = segments[1] === this.space;
    if (!inSpace && segments[1] !== 'api') return signalwireError(404, 20404, `The requested resource ${request.path} was not found`);
    const path = inSpace ? `/${segments.slice(2).join('/')}` : request.path;
    const expected = `Basic ${Buffer.from(`${this.projectId}:${this.apiToken}`).toString('base64')}`;
    if (request.headers['authorization'] !== expected) return signalwireError(401, 20003, 'Authentication Error - invalid username');
    if (path === this.messagesPath && request.method === 'GET') return this.list(request.query);
    if (path === this.messagesPath && request.method === 'POST') return this.send(request);
    const messageBase = this.messagesPath.replace('.json', '');
    const mediaList = new RegExp(`^${messageBase}/([^/]+)/Media\\.json$`).exec(path);
    if (mediaList && request.method === 'GET') return this.mediaList(mediaList[1]!);
    const mediaItem = new RegExp(`^${messageBase}/([^/]+)/Media/([^/.]+)(\\.json)?$`).exec(path);
    if (mediaItem && request.method === 'GET') {
      const item = this.media.get(mediaItem[1]!)?.find((m) => m.sid === mediaItem[2]);
      if (item && mediaItem[3]) return { status: 200, body: this.mediaJson(mediaItem[1]!, item) };
      if (item) return { status: 200, body: item.bytes, headers: { 'content-type': item.contentType } };
    }
    const one = new RegExp(`^${this.messagesPath.replace('.json', '')}/([^/]+)\\.json$`).exec(path);
    if (one && request.method === 'GET') {
      const message = this.stored.find((m) => m['sid'] === one[1]);
      if (message) return { status: 200, body: message };
    }
    return signalwireError(404, 20404, `The requested resource ${request.path} was not found`);
  }

  /** First index at or after `from` whose sent day satisfies `keep` (the list is sorted newest first). */
  private firstIndex(from: number, keep: (day: string) => boolean): number {
    let low = from;
    let high = this.messageCount;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (keep(sentDay(this.messageAt(mid)))) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  private list(query: URLSearchParams): FakeReply {
    const pageSize = this.options.servedPageSize ?? Number(query.get('PageSize') ?? this.options.defaultPageSize ?? 50);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) return signalwireError(400, 20001, `PageSize must be between 1 and ${MAX_PAGE_SIZE}`);
    const before = query.get('DateSent<');
    const after = query.get('DateSent>');
    const on = query.get('DateSent');
    const lower = on ?? before; // newest day allowed
    const upper = on ?? after; // oldest day allowed
    const first = lower ? this.firstIndex(0, (day) => day <= lower) : 0;
    const end = upper ? this.firstIndex(first, (day) => day < upper) : this.messageCount;
    const token = query.get('PageToken');
    const start = token === null ? first : Number(Buffer.from(token.replace(/^PA/, ''), 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < first) return signalwireError(400, 20001, 'Invalid PageToken');
    const to = query.get('To');
    const from = query.get('From');
    if (to !== null || from !== null) return this.filteredList(query, pageSize, first, end, to, from);
    const stop = Math.min(start + pageSize, end);
    const messages: JsonObject[] = [];
    for (let index = start; index < stop; index += 1) messages.push(this.messageAt(index));
    const page = Number(query.get('Page') ?? 0);
    const uriWith = (changes: Record<string, string | null>): string => {
      const params = new URLSearchParams(query);
      for (const [name, value] of Object.entries(changes)) if (value === null) params.delete(name); else params.set(name, value);
      return `${this.messagesPath}?${params.toString()}`;
    };
    const next = stop < end ? uriWith({ Page: String(page + 1), PageSize: String(pageSize), PageToken: `PA${Buffer.from(String(stop)).toString('base64url')}` }) : null;
    return {
      status: 200,
      body: {
        uri: uriWith({}),
        first_page_uri: uriWith({ Page: '0', PageToken: null }),
        next_page_uri: next,
        previous_page_uri: page > 0 ? uriWith({ Page: String(page - 1), PageToken: null }) : null,
        page,
        page_size: pageSize,
        start: start - first,
        end: Math.max(start - first, stop - first - 1),
        messages,
      },
    };
  }

  private mediaJson(parentSid: string, item: { sid: string; contentType: string }): JsonObject {
    const now = signalwireTime(new Date());
    return {
      sid: item.sid, parent_sid: parentSid, account_sid: this.projectId, content_type: item.contentType, date_created: now, date_updated: now,
      uri: `${this.messagesPath.replace('.json', '')}/${parentSid}/Media/${item.sid}.json`,
    };
  }

  private mediaList(parentSid: string): FakeReply {
    const items = (this.media.get(parentSid) ?? []).map((item) => this.mediaJson(parentSid, item));
    return { status: 200, body: { media_list: items, page: 0, page_size: 50, start: 0, end: Math.max(0, items.length - 1), next_page_uri: null } };
  }

  private async fetchMedia(urls: readonly string[]): Promise<void> {
    for (const url of urls) {
      try {
        const response = await fetch(url);
        this.fetchedMedia.push({ url, status: response.status, contentType: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) });
      } catch {
        this.fetchedMedia.push({ url, status: 0, contentType: null, bytes: Buffer.alloc(0) });
      }
    }
  }

  /** The list with the documented `To` / `From` filters: one page of the matching messages, newest first (small histories only). */
  private filteredList(query: URLSearchParams, pageSize: number, first: number, end: number, to: string | null, from: string | null): FakeReply {
    const messages: JsonObject[] = [];
    for (let index = first; index < end && messages.length < pageSize; index += 1) {
      const message = this.messageAt(index);
      if ((to === null || message['to'] === to) && (from === null || message['from'] === from)) messages.push(message);
    }
    const uri = `${this.messagesPath}?${query.toString()}`;
    return { status: 200, body: { uri, first_page_uri: uri, next_page_uri: null, previous_page_uri: null, page: 0, page_size: pageSize, start: 0, end: Math.max(0, messages.length - 1), messages } };
  }

  private async send(request: RecordedRequest): Promise<FakeReply> {
    const reply = this.store(request);
    if (this.fetchMediaUrls && reply.status === 201) await this.fetchMedia(new URLSearchParams(request.body).getAll('MediaUrl'));
    if (this.sendAnswerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.sendAnswerDelayMs));
    return reply;
  }

  private store(request: RecordedRequest): FakeReply {
    const failure = this.sendFailures.shift();
    if (failure) return failure;
    const form = new URLSearchParams(request.body);
    const to = form.get('To');
    const from = form.get('From');
    const body = form.get('Body');
    const media = form.getAll('MediaUrl');
    if (!to) return signalwireError(400, 21604, "A 'To' phone number is required.");
    if (!from) return signalwireError(400, 21603, "A 'From' phone number is required.");
    if (!body && media.length === 0) return signalwireError(400, 21602, 'Message body is required.');
    if (media.length > 10) return signalwireError(400, 21623, 'Too many media URLs (at most 10).');
    const sid = randomUUID();
    const now = signalwireTime(new Date());
    const uri = `${this.messagesPath.replace('.json', '')}/${sid}.json`;
    const message: JsonObject = {
      account_sid: this.projectId, api_version: '2010-04-01', body: body ?? '', num_segments: 1, num_media: media.length,
      date_created: now, date_sent: null, date_updated: now, direction: 'outbound-api', error_code: null, error_message: null,
      from, to, price: null, price_unit: 'USD', sid, status: 'queued', messaging_service_sid: null, uri,
      subresource_uris: { media: uri.replace(/\.json$/, '/Media.json') },
    };
    this.sent.push({ ...message, media_urls: media });
    this.stored.unshift(message);
    return { status: 201, body: message };
  }
}
