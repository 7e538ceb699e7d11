import { connect, Socket } from 'node:net';

/** A response's status, and its `Retry-After` in seconds when it has one. */
export interface LoadAnswer {
  readonly status: number;
  readonly retryAfterSeconds: number | undefined;
}

/**
 * One keep-alive HTTP/1.1 connection of the load generator, written against `net` directly (as
 * wrk is): a request is one write, the answer is parsed just enough to know its status and where
 * it ends (`content-length`). Keeps the generator's own CPU small, so the bench measures the stack.
 * Only for answers with a content-length, which is what the ingress sends.
 */
export class HttpLoadConnection {
  private socket: Socket | undefined;
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve(answer: LoadAnswer): void; reject(error: Error): void } | undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  /** Sends one request (head already formatted, without the blank line) and resolves with the status (and Retry-After). */
  async send(head: string, body: string): Promise<LoadAnswer> {
    const socket = this.socket ?? (await this.open());
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      socket.write(`${head}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private open(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port, noDelay: true }, () => resolve(socket));
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
      socket.on('error', (error) => this.fail(error));
      socket.on('close', () => this.fail(new Error('connection closed')));
      socket.once('error', reject);
      this.socket = socket;
    });
  }

  private fail(error: Error): void {
    this.socket = undefined;
    this.buffered = Buffer.alloc(0);
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }

  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const headEnd = this.buffered.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = this.buffered.toString('latin1', 0, headEnd);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    const total = headEnd + 4 + length;
    if (this.buffered.length < total) return;
    this.buffered = this.buffered.subarray(total);
    const status = Number(head.slice(9, 12));
    const retryAfter = /\r\nretry-after: *(\d+)/i.exec(head)?.[1];
    const waiting = this.waiting;
    this.waiting = undefined;
    if (/\r\nconnection: *close/i.test(head)) this.close();
    waiting?.resolve({ status, retryAfterSeconds: retryAfter === undefined ? undefined : Number(retryAfter) });
  }
}
