import { createServer, RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The HTTP server under a fake (FakeHttpServer, FakeOtlpCollector): listens on 127.0.0.1 only, on
 * a given port or any free one, and stops at once (open keep-alive connections are closed).
 */
export class LoopbackHttpServer {
  private server: Server | undefined;
  private baseUrl = '';

  constructor(private readonly listener: RequestListener) {}

  /** `http://127.0.0.1:<port>`; only once started. */
  get url(): string {
    if (!this.server) throw new Error('fake server not started');
    return this.baseUrl;
  }

  async start(port = 0): Promise<void> {
    const server = createServer(this.listener);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
