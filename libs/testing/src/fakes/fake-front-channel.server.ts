import { randomBytes, randomUUID } from 'node:crypto';
import { FakeHttpServer, FakeReply, RecordedRequest } from './fake-http-server';
import { verifyFrontChannelToken } from './front-channel-token';

export interface FakeFrontChannelOptions {
  readonly appId?: string;
  readonly appSecret?: string;
}

/** A file part of a multipart import. */
export interface ImportedAttachment {
  readonly field: string;
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

/** One accepted import, as Front would hold it. */
export interface FrontImport {
  readonly channelId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly messageUid: string;
  readonly multipart: boolean;
  /** Text fields: the JSON body, or the multipart fields by their bracket names (`sender[handle]`). */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly body: string;
  readonly externalId: string;
  readonly externalConversationId: string;
  /** `sender.handle` (inbound) or `to[0].handle` (outbound). */
  readonly handle: string;
  readonly deliveredAt: number | null;
  readonly attachments: readonly ImportedAttachment[];
}

export interface FrontAttachmentFixture {
  readonly id: string;
  readonly url: string;
  readonly filename: string;
  readonly content_type: string;
}

const IMPORT_PATH = /^\/channels\/([^/]+)\/(inbound|outbound)_messages$/;
const ATTACHMENT_PATH = /^\/attachments\/([^/]+)$/;

const frontError = (status: number, title: string, message: string, headers?: Record<string, string>): FakeReply => ({
  status,
  body: { _error: { status, title, message } },
  headers,
});

/**
 * Front's channel API as documented (PROVIDERS 1.3-1.5; docs/behaviour/outbound-sender.md#front-fake):
 * `POST /channels/:id/(inbound|outbound)_messages` verifying the channel JWT (HS256, iss, sub =
 * :id, exp at most 30 s ahead), JSON or multipart bodies with the required fields and the
 * 200-character metadata limit, 202 `{status, message_uid}`; attachment downloads at
 * `GET /attachments/:id` with a channel JWT. Faults: `rateLimit` (429 + Retry-After),
 * `serverError`, `unauthorized`, `server.latencyMs`, `importAnswerDelayMs` (accepted at once,
 * answered later: a window to crash the caller in). Front offers no lookup of an import by its
 * external id, so neither does the fake.
 */
export class FakeFrontChannel {
  readonly server: FakeHttpServer;
  readonly appId: string;
  readonly appSecret: string;
  readonly imports: FrontImport[] = [];
  /** Imports are recorded at once but answered this much later. */
  importAnswerDelayMs = 0;
  private readonly attachments = new Map<string, { channelId: string; bytes: Buffer; contentType: string; filename: string }>();

  constructor(options: FakeFrontChannelOptions = {}) {
    this.appId = options.appId ?? 'front_swchan_app_id';
    this.appSecret = options.appSecret ?? `front_swchan_secret_${randomBytes(8).toString('hex')}`;
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

  /** A Front attachment of a message in `channelId`, downloadable with that channel's JWT. */
  addAttachment(channelId: string, filename: string, contentType: string, bytes: Buffer): FrontAttachmentFixture {
    const id = `fil_${randomBytes(6).toString('hex')}`;
    this.attachments.set(id, { channelId, bytes, contentType, filename });
    return { id, url: `${this.url}/attachments/${id}`, filename, content_type: contentType };
  }

  rateLimit(times = 1, retryAfterSeconds = 1): void {
    this.server.inject({ pathPrefix: '/channels/', reply: frontError(429, 'Too Many Requests', 'Rate limit exceeded', { 'retry-after': String(retryAfterSeconds) }) }, times);
  }

  serverError(times = 1, status = 500): void {
    this.server.inject({ pathPrefix: '/channels/', reply: frontError(status, 'Internal Server Error', 'Something went wrong') }, times);
  }

  unauthorized(times = 1): void {
    this.server.inject({ pathPrefix: '/channels/', reply: frontError(401, 'Unauthorized', 'Invalid token') }, times);
  }

  importRequests(): RecordedRequest[] {
    return this.server.requests.filter((r) => r.method === 'POST' && IMPORT_PATH.test(r.path));
  }

  private async route(request: RecordedRequest): Promise<FakeReply> {
    const attachment = ATTACHMENT_PATH.exec(request.path);
    if (attachment && request.method === 'GET') return this.download(request, attachment[1]!);
    const target = IMPORT_PATH.exec(request.path);
    if (!target || request.method !== 'POST') return frontError(404, 'Not Found', `No route ${request.method} ${request.path}`);
    const [, channelId, direction] = target as unknown as [string, string, 'inbound' | 'outbound'];
    const token = await verifyFrontChannelToken(request.headers['authorization'], this.appId, this.appSecret, channelId);
    if (!token.ok) return frontError(401, 'Unauthorized', token.reason);
    const parsed = await parseImportBody(request);
    if ('error' in parsed) return frontError(400, 'Bad Request', parsed.error);
    const invalid = missingFields(direction, parsed.fields);
    if (invalid) return frontError(400, 'Bad Request', invalid);
    const field = (name: string) => parsed.fields[name];
    const messageUid = randomBytes(12).toString('hex');
    const delivered = Number(field('delivered_at'));
    this.imports.push({
      channelId,
      direction,
      messageUid,
      multipart: parsed.multipart,
      fields: parsed.fields,
      body: String(field('body')),
      externalId: String(field('metadata[external_id]')),
      externalConversationId: String(field('metadata[external_conversation_id]')),
      handle: String(direction === 'inbound' ? field('sender[handle]') : field('to[0][handle]')),
      deliveredAt: Number.isFinite(delivered) && field('delivered_at') !== undefined ? delivered : null,
      attachments: parsed.attachments,
    });
    if (this.importAnswerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.importAnswerDelayMs));
    return { status: 202, body: { status: 'accepted', message_uid: messageUid } };
  }

  private async download(request: RecordedRequest, id: string): Promise<FakeReply> {
    const attachment = this.attachments.get(id);
    if (!attachment) return frontError(404, 'Not Found', 'No such attachment');
    const token = await verifyFrontChannelToken(request.headers['authorization'], this.appId, this.appSecret, attachment.channelId);
    if (!token.ok) return frontError(401, 'Unauthorized', token.reason);
    return { status: 200, body: attachment.bytes, headers: { 'content-type': attachment.contentType } };
  }
}

/** Flattens a JSON body into the bracket names multipart uses, so both forms are read alike. */
function flatten(value: unknown, prefix: string, into: Record<string, unknown>): void {
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) flatten(inner, prefix === '' ? key : `${prefix}[${key}]`, into);
  } else into[prefix] = value;
}

async function parseImportBody(request: RecordedRequest): Promise<{ fields: Record<string, unknown>; attachments: ImportedAttachment[]; multipart: boolean } | { error: string }> {
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.startsWith('application/json')) {
    try {
      const fields: Record<string, unknown> = {};
      flatten(JSON.parse(request.body), '', fields);
      return { fields, attachments: [], multipart: false };
    } catch {
      return { error: 'Body is not valid JSON' };
    }
  }
  if (contentType.startsWith('multipart/form-data')) {
    try {
      const form = await new Response(request.rawBody, { headers: { 'content-type': contentType } }).formData();
      const fields: Record<string, unknown> = {};
      const attachments: ImportedAttachment[] = [];
      for (const [name, value] of form.entries()) {
        if (typeof value === 'string') fields[name] = value;
        else attachments.push({ field: name, filename: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
      }
      return { fields, attachments, multipart: true };
    } catch (error) {
      return { error: `Malformed multipart body: ${(error as Error).message}` };
    }
  }
  return { error: `Unsupported content type ${contentType || '(none)'}` };
}

function missingFields(direction: 'inbound' | 'outbound', fields: Record<string, unknown>): string | null {
  const required = ['body', 'metadata[external_id]', 'metadata[external_conversation_id]', direction === 'inbound' ? 'sender[handle]' : 'to[0][handle]'];
  for (const name of required) if (fields[name] === undefined || fields[name] === null || fields[name] === '') return `${name} is required`;
  for (const name of ['metadata[external_id]', 'metadata[external_conversation_id]']) {
    if (String(fields[name]).length > 200) return `${name} is longer than 200 characters`;
  }
  return null;
}

/** A random id in Front's style, for fixtures. */
export const frontChannelId = (): string => `cha_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
