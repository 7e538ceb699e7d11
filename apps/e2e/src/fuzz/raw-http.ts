import { connect } from 'node:net';

/** A request written byte for byte: no URL normalization, any method token, any header value. */
export interface RawRequest {
  readonly method: string;
  /** The request target exactly as sent (`/v1/a/../%00`). */
  readonly target: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Buffer | string;
}

export interface RawResponse {
  readonly status: number;
  /** Lower-cased names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The request as sent, for failure messages. */
  readonly request: string;
  /** The server reset the connection (it closed with part of our body unread). */
  readonly reset: boolean;
}

function decodeChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = Number.parseInt(body.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function describe(request: RawRequest, body: Buffer): string {
  const headers = Object.entries(request.headers ?? {}).map(([name, value]) => `${name}: ${JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}...` : value)}`);
  const shown = body.length > 300 ? `${JSON.stringify(body.subarray(0, 300).toString('latin1'))}... (${body.length} bytes)` : JSON.stringify(body.toString('latin1'));
  const target = request.target.length > 300 ? `${request.target.slice(0, 300)}... (${request.target.length} chars)` : request.target;
  return `${request.method} ${target}\n${headers.join('\n')}\n\n${shown}`;
}

/**
 * Sends one HTTP/1.1 request over a fresh connection (`Connection: close`) and reads the whole
 * answer. A server that closes without answering gives status 0.
 */
export function rawHttp(baseUrl: string, request: RawRequest, timeoutMs = 10_000): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  const body = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : (request.body ?? Buffer.alloc(0));
  const headerLines = Object.entries({ host: `${hostname}:${port}`, connection: 'close', 'content-length': String(body.length), ...request.headers })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const head = Buffer.from(`${request.method} ${request.target} HTTP/1.1\r\n${headerLines}\r\n`, 'latin1');
  const sent = describe(request, body);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    let reset = false;
    const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${timeoutMs} ms to:\n${sent}`)), timeoutMs);
    // No half-close after the body: Node's HTTP server may then drop a request still being handled.
    // `Connection: close` makes the server close once it has answered.
    socket.on('connect', () => {
      socket.write(head);
      socket.write(body);
    });
    socket.on('data', (chunk) => chunks.push(chunk));
    // The server may close while we still write a body it refused: keep what it answered.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') {
        reset = true;
        return;
      }
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks);
      const headEnd = raw.indexOf('\r\n\r\n');
      if (headEnd < 0) {
        resolve({ status: 0, headers: {}, body: raw.toString('utf8'), request: sent, reset });
        return;
      }
      const [statusLine = '', ...lines] = raw.subarray(0, headEnd).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      let payload: Buffer = raw.subarray(headEnd + 4);
      if (/chunked/i.test(headers['transfer-encoding'] ?? '')) payload = decodeChunked(payload);
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), headers, body: payload.toString('utf8'), request: sent, reset });
    });
  });
}

/** Bodies at least this large may still be in flight when a server that did not read them closes. */
const LARGE_BODY_BYTES = 64 * 1024;

/**
 * `rawHttp`, except that when the server reset the connection while a large body was still
 * unread (its answer can then be lost in the reset: a transport race, covered by explicit tests),
 * the request is sent again without its body, so the answer to the rest of the request is judged.
 */
export async function rawHttpJudgingTheAnswer(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const response = await rawHttp(baseUrl, request);
  const size = typeof request.body === 'string' ? Buffer.byteLength(request.body) : (request.body?.length ?? 0);
  if (response.status !== 0 || !response.reset || size < LARGE_BODY_BYTES) return response;
  return rawHttp(baseUrl, { ...request, body: Buffer.alloc(0) });
}
