import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Where the services export spans during `npm run bench -- --trace` (docs/performance.md#tracing):
 * an OTLP/HTTP endpoint on 127.0.0.1 that reads every export request, counts it and answers 200,
 * so the figures include the cost of recording and exporting spans but not of storing them.
 */
export class OtlpSink {
  requests = 0;
  bytes = 0;
  private server: Server | undefined;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      req.on('data', (chunk: Buffer) => (this.bytes += chunk.length));
      req.on('end', () => {
        this.requests += 1;
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
