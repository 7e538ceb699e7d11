import { AppError } from '../errors/app-error';

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Text, or bytes (a multipart body with attachments). */
  readonly body?: string | Uint8Array;
  readonly timeoutMs?: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The body decoded as UTF-8. */
  readonly body: string;
  /** The body's bytes (media downloads); set by `FetchHttpClient`, optional for simpler clients. */
  readonly bytes?: Uint8Array;
}

/**
 * Outbound HTTP as replicators see it. Implementations (libs/platform) add timeouts and logging;
 * replicators stay free of I/O and are tested against fake servers through a real client.
 */
export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
}

/** A non-2xx answer from a provider. 5xx and 429 are retriable; other 4xx are not. */
export class HttpStatusError extends AppError {
  constructor(
    readonly status: number,
    readonly url: string,
    readonly responseBody: string,
    readonly retryAfterSeconds?: number,
  ) {
    super('upstream_http_error', `HTTP ${status} from ${redactUrl(url)}`, { status }, { retriable: status >= 500 || status === 429 });
    this.name = 'HttpStatusError';
  }
}

/** The provider could not be reached (DNS, connection refused, timeout). */
export class HttpUnreachableError extends AppError {
  constructor(readonly url: string, cause: unknown) {
    super('upstream_unavailable', `Could not reach ${redactUrl(url)}: ${(cause as Error)?.message ?? String(cause)}`, {}, { cause });
    this.name = 'HttpUnreachableError';
  }
}

/** Drops query strings and userinfo, which may hold credentials or cursors. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '<invalid url>';
  }
}

/** Throws `HttpStatusError` for non-2xx, returns the response otherwise. */
export function expectOk(response: HttpResponse, url: string): HttpResponse {
  if (response.status < 200 || response.status >= 300) {
    const retryAfter = Number(response.headers['retry-after']);
    throw new HttpStatusError(response.status, url, response.body.slice(0, 2000), Number.isFinite(retryAfter) ? retryAfter : undefined);
  }
  return response;
}

export function parseJsonResponse(response: HttpResponse, url: string): unknown {
  try {
    return JSON.parse(response.body) as unknown;
  } catch {
    throw new AppError('upstream_http_error', `Expected JSON from ${redactUrl(url)}`, { status: response.status });
  }
}
