import { performance } from 'node:perf_hooks';
import { types } from 'node:util';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_FULL,
} from '@opentelemetry/semantic-conventions';
import { HttpClient, HttpRequest, HttpResponse, HttpUnreachableError, Logger, redactUrl, silentLogger } from '@whdb/core';
import { Attributes, inSpan, isTracingEnabled, SpanKind, SpanStatusCode } from '@whdb/tracing';

export interface FetchHttpClientOptions {
  /** Requests are logged at debug: method, URL without query/userinfo, status, duration. */
  readonly logger?: Logger;
  /** Used when a request sets no `timeoutMs`. Default 10 s. */
  readonly defaultTimeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The core `HttpClient` over global `fetch`. Every status is returned as a response (callers use
 * `expectOk`); network failures and timeouts (including while reading the body) become
 * `HttpUnreachableError`. Headers and bodies are never logged.
 */
export class FetchHttpClient implements HttpClient {
  private readonly logger: Logger;
  private readonly defaultTimeoutMs: number;

  constructor(options: FetchHttpClientOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /**
   * While tracing is on, each request is a CLIENT span `<METHOD>` (the provider call of
   * docs/operations.md#tracing) with the URL without query or userinfo. No `traceparent` is sent:
   * provider APIs are third parties.
   */
  request(request: HttpRequest): Promise<HttpResponse> {
    if (!isTracingEnabled()) return this.send(request);
    return inSpan(request.method, { kind: SpanKind.CLIENT, attributes: clientAttributes(request) }, async (span) => {
      const response = await this.send(request);
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.status);
      if (response.status >= 400) {
        span.setAttribute(ATTR_ERROR_TYPE, String(response.status));
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      return response;
    });
  }

  private async send(request: HttpRequest): Promise<HttpResponse> {
    const timeoutMs = request.timeoutMs ?? this.defaultTimeoutMs;
    const logFields = { method: request.method, url: redactUrl(request.url) };
    const started = performance.now();
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      this.logger.debug('http request', { ...logFields, status: response.status, duration_ms: elapsed(started) });
      return { status: response.status, headers, body, bytes };
    } catch (error) {
      const cause = failureCause(error, timeoutMs);
      this.logger.debug('http request failed', { ...logFields, duration_ms: elapsed(started), error: cause });
      throw new HttpUnreachableError(request.url, cause);
    }
  }
}

function clientAttributes(request: HttpRequest): Attributes {
  const attributes: Attributes = { [ATTR_HTTP_REQUEST_METHOD]: request.method, [ATTR_URL_FULL]: redactUrl(request.url) };
  try {
    const url = new URL(request.url);
    attributes[ATTR_SERVER_ADDRESS] = url.hostname;
    attributes[ATTR_SERVER_PORT] = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  } catch {
    // An invalid URL fails in `send`; the span still records the method.
  }
  return attributes;
}

/** A readable cause: "timed out after 2000 ms", "connect ECONNREFUSED 127.0.0.1:9", ... */
function failureCause(error: unknown, timeoutMs: number): Error {
  // AbortSignal.timeout rejects with a DOMException named TimeoutError (not an Error subclass).
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  if (name === 'TimeoutError' || name === 'AbortError') {
    const timeout = new Error(`timed out after ${timeoutMs} ms`);
    timeout.name = 'TimeoutError';
    return timeout;
  }
  // undici wraps the socket error: TypeError('fetch failed', { cause: Error('connect ECONNREFUSED ...') }).
  const inner = isError(error) && isError(error.cause) ? error.cause : error;
  if (!isError(inner)) return new Error(String(inner));
  if (inner.message) return inner;
  const code = (inner as Error & { code?: unknown }).code;
  const described = new Error(typeof code === 'string' ? code : inner.name);
  described.name = inner.name;
  return described;
}

/** Errors thrown by fetch come from Node's own realm, so `instanceof Error` is not enough (e.g. under Jest). */
function isError(value: unknown): value is Error {
  return value instanceof Error || types.isNativeError(value);
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
