import { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackHttpServer } from '../http/loopback-http-server';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The exact bytes (multipart bodies with binary parts). */
  readonly rawBody: Buffer;
  /** When it arrived (epoch ms). */
  readonly at: number;
}

export interface FakeReply {
  readonly status: number;
  /** JSON, text, or bytes (sent as they are, with the reply's own content-type). */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A failure to inject: answer with `reply` (e.g. 429 + Retry-After, 500), or hang for `hangMs`. */
export interface InjectedFault {
  readonly reply?: FakeReply;
  readonly hangMs?: number;
  /** Only requests whose path starts with this are affected (default: all). */
  readonly pathPrefix?: string;
  /** Only requests this accepts take the fault (e.g. one client's, by its user agent). */
  readonly match?: (request: RecordedRequest) => boolean;
}

export type RouteHandler = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

/**
 * A small local HTTP server for faking a provider: routes, a log of every request, and a queue of
 * injected faults consumed one per matching request.
 */
export class FakeHttpServer {
  readonly requests: RecordedRequest[] = [];
  private readonly faults: InjectedFault[] = [];
  private readonly http = new LoopbackHttpServer((req, res) => void this.handle(req, res));
  /** Every answer waits this long first (a slow provider); 0 by default. */
  latencyMs = 0;

  constructor(private readonly route: RouteHandler) {}

  get url(): string {
    return this.http.url;
  }

  async start(port = 0): Promise<this> {
    await this.http.start(port);
    return this;
  }

  async stop(): Promise<void> {
    await this.http.stop();
  }

  /** Queues `times` copies of a fault. */
  inject(fault: InjectedFault, times = 1): void {
    for (let i = 0; i < times; i += 1) this.faults.push(fault);
  }

  requestsTo(pathPrefix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith(pathPrefix));
  }

  private takeFault(request: RecordedRequest): InjectedFault | undefined {
    const index = this.faults.findIndex((f) => (!f.pathPrefix || request.path.startsWith(f.pathPrefix)) && (!f.match || f.match(request)));
    return index >= 0 ? this.faults.splice(index, 1)[0] : undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake.local');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    const rawBody = Buffer.concat(chunks);
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers, body: rawBody.toString('utf8'), rawBody, at: Date.now() };
    this.requests.push(recorded);
    const fault = this.takeFault(recorded);
    const delayMs = (fault?.hangMs ?? 0) + this.latencyMs;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    let reply: FakeReply;
    try {
      reply = fault?.reply ?? (await this.route(recorded));
    } catch (error) {
      reply = { status: 500, body: { error: String(error) } };
    }
    if (res.destroyed) return;
    if (Buffer.isBuffer(reply.body)) {
      res.writeHead(reply.status, { 'content-type': 'application/octet-stream', ...reply.headers });
      res.end(reply.body);
      return;
    }
    const isText = typeof reply.body === 'string';
    res.writeHead(reply.status, { 'content-type': isText ? 'text/plain' : 'application/json', ...reply.headers });
    res.end(reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body));
  }
}
