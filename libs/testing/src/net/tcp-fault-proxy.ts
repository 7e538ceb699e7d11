import { createServer, connect, Server, Socket } from 'node:net';

export type TcpFaultProxyState = 'open' | 'paused' | 'cut';

/**
 * A TCP proxy a test puts between a service and a dependency (e.g. Postgres) to fail that one
 * link without stopping the shared dependency (docs/operations.md):
 * - `cut()`: every proxied connection is reset and new ones are refused at once (the dependency is down);
 * - `pause()`: connections stay open but no byte moves either way, and new ones hang (a partition);
 * - `restore()`: bytes flow again; new connections go through.
 */
export class TcpFaultProxy {
  private server: Server | undefined;
  private state: TcpFaultProxyState = 'open';
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  private readonly held = new Set<Socket>();
  private listenPort = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Proxies `postgres://...@host:port/db` URLs: the same URL, pointed at the proxy. */
  static forUrl(url: string): { proxy: TcpFaultProxy; rewrite: (port: number) => string } {
    const parsed = new URL(url);
    const proxy = new TcpFaultProxy(parsed.hostname, Number(parsed.port || 5432));
    return {
      proxy,
      rewrite: (port) => {
        const copy = new URL(url);
        copy.hostname = '127.0.0.1';
        copy.port = String(port);
        return copy.toString();
      },
    };
  }

  get port(): number {
    return this.listenPort;
  }

  get connections(): number {
    return this.pairs.size;
  }

  async start(): Promise<this> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    this.listenPort = typeof address === 'object' && address ? address.port : 0;
    this.server = server;
    return this;
  }

  /** Resets every connection and refuses new ones until `restore()`. */
  cut(): void {
    this.state = 'cut';
    for (const { client, upstream } of this.pairs) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    this.pairs.clear();
    for (const socket of this.held) socket.resetAndDestroy();
    this.held.clear();
  }

  /** Stops every byte in both directions, and holds new connections, until `restore()`. */
  pause(): void {
    this.state = 'paused';
    for (const { client, upstream } of this.pairs) {
      client.pause();
      upstream.pause();
    }
  }

  restore(): void {
    const wasPaused = this.state === 'paused';
    this.state = 'open';
    if (!wasPaused) return;
    for (const { client, upstream } of this.pairs) {
      client.resume();
      upstream.resume();
    }
    const waiting = [...this.held];
    this.held.clear();
    for (const client of waiting) this.forward(client);
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: Socket): void {
    client.on('error', () => undefined);
    if (this.state === 'cut') {
      client.resetAndDestroy();
      return;
    }
    if (this.state === 'paused') {
      this.held.add(client);
      client.once('close', () => this.held.delete(client));
      return;
    }
    this.forward(client);
  }

  private forward(client: Socket): void {
    if (client.destroyed) return;
    const upstream = connect({ host: this.targetHost, port: this.targetPort });
    const pair = { client, upstream };
    this.pairs.add(pair);
    upstream.on('error', () => client.destroy());
    const close = (): void => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.once('close', close);
    upstream.once('close', close);
    // Writes go through `write` (not `pipe`) so that pausing the readable side stops the bytes at once.
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    if (this.state === 'paused') {
      client.pause();
      upstream.pause();
    }
  }
}
