import { HttpUnreachableError } from '@whdb/core';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { createLogger } from '../logging/json-logger';
import { FetchHttpClient } from './fetch-http-client';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

async function startServer(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function captureLogs() {
  const lines: string[] = [];
  const logger = createLogger('backfiller', { level: 'debug', stream: { write: (line) => lines.push(line) } });
  return { logger, lines };
}

describe('FetchHttpClient', () => {
  it('returns status, lower-cased headers and body of a 200, sending method, headers and body', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Page-Cursor': 'next' });
      res.end('{"data":[]}');
    });
    const { logger, lines } = captureLogs();
    try {
      const client = new FetchHttpClient({ logger });
      const response = await client.request({
        method: 'POST',
        url: `${server.url}/v1/things?api_key=secret-query`,
        headers: { Authorization: 'Bearer top-secret', 'Content-Type': 'application/json' },
        body: '{"a":1}',
      });
      expect(response.status).toBe(200);
      expect(response.body).toBe('{"data":[]}');
      expect(response.headers['content-type']).toBe('application/json');
      expect(response.headers['x-page-cursor']).toBe('next');
      expect(server.received[0]).toMatchObject({ method: 'POST', url: '/v1/things?api_key=secret-query', body: '{"a":1}' });
      expect(server.received[0]!.headers.authorization).toBe('Bearer top-secret');

      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'debug', msg: 'http request', method: 'POST', url: `${server.url}/v1/things`, status: 200 });
      expect(JSON.parse(lines[0]!).duration_ms).toEqual(expect.any(Number));
      expect(lines[0]).not.toMatch(/top-secret|secret-query/);
    } finally {
      await server.close();
    }
  });

  it('returns a 500 as a response (callers decide with expectOk)', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(500, { 'Retry-After': '3' });
      res.end('oops');
    });
    try {
      const response = await new FetchHttpClient().request({ method: 'GET', url: server.url });
      expect(response).toEqual({ status: 500, headers: expect.objectContaining({ 'retry-after': '3' }), body: 'oops', bytes: new Uint8Array(Buffer.from('oops')) });
    } finally {
      await server.close();
    }
  });

  it('maps a timeout to a retriable HttpUnreachableError', async () => {
    const server = await startServer(() => undefined);
    const { logger, lines } = captureLogs();
    try {
      const error = await new FetchHttpClient({ logger })
        .request({ method: 'GET', url: `${server.url}/slow?token=t`, timeoutMs: 100 })
        .then(() => undefined, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(HttpUnreachableError);
      expect(error).toMatchObject({ code: 'upstream_unavailable', retriable: true });
      expect((error as Error).message).toBe(`Could not reach ${server.url}/slow: timed out after 100 ms`);
      expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'http request failed', url: `${server.url}/slow` });
    } finally {
      await server.close();
    }
  });

  it('maps a timeout while reading the body to HttpUnreachableError', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200);
      res.write('partial');
    });
    try {
      await expect(new FetchHttpClient({ defaultTimeoutMs: 100 }).request({ method: 'GET', url: server.url })).rejects.toBeInstanceOf(
        HttpUnreachableError,
      );
    } finally {
      await server.close();
    }
  });

  it('maps connection refused to HttpUnreachableError with the socket error as cause', async () => {
    const server = await startServer(() => undefined);
    const url = server.url;
    await server.close();
    const error = await new FetchHttpClient().request({ method: 'GET', url }).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpUnreachableError);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });
});
