import { connect, Socket } from 'node:net';

/**
 * One connection of the flood: like `HttpLoadConnection` (a request is one write; the answer is
 * parsed just enough for its status and its end), but every socket has its own buffer and
 * handlers, and a socket the ingress closes (`Connection: close`, a reset) is replaced by a new
 * one at the next send, so a flood that is answered that way keeps flooding.
 */
export class FloodConnection {
  private current: { socket: Socket; settle?: (status: string) => void } | undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  /** Sends one request (head without the blank line) and resolves with its status, or `error`. */
  send(head: string, body: string): Promise<string> {
    return new Promise((resolve) => {
      const link = this.current ?? this.open();
      link.settle = resolve;
      link.socket.write(`${head}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
  }

  close(): void {
    this.current?.socket.destroy();
    this.current = undefined;
  }

  private open(): { socket: Socket; settle?: (status: string) => void } {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    const link: { socket: Socket; settle?: (status: string) => void } = { socket };
    let buffered: Buffer = Buffer.alloc(0);
    const settle = (status: string): void => {
      const waiting = link.settle;
      link.settle = undefined;
      waiting?.(status);
    };
    const drop = (): void => {
      if (this.current === link) this.current = undefined;
      settle('error');
    };
    socket.on('data', (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      const headEnd = buffered.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const head = buffered.toString('latin1', 0, headEnd);
      const total = headEnd + 4 + Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffered.length < total) return;
      buffered = buffered.subarray(total);
      if (/\r\nconnection: *close/i.test(head)) {
        if (this.current === link) this.current = undefined;
        socket.destroy();
      }
      settle(head.slice(9, 12));
    });
    socket.on('error', drop);
    socket.on('close', drop);
    this.current = link;
    return link;
  }
}
