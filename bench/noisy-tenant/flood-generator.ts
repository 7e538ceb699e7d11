import { buildIncreaseAccount, increaseSignatureHeader } from '@whdb/testing';
import { FloodConnection } from './flood-connection';

/**
 * The noisy tenant of the noisy-tenant bench, in its own process (its CPU is measured apart from the
 * ingress's): C keep-alive connections (`FloodConnection`, cheap to drive) each send the next of
 * 200 pre-signed webhooks as soon as the last is answered, and IGNORE `Retry-After`: the worst
 * client, one that does not back off. A connection the ingress closes is opened again.
 * IPC: `{type:'start', url, secret, concurrency}` -> `started`; `{type:'stop'}` -> `{type:'done', statuses}`.
 */
interface FloodStart {
  readonly type: 'start';
  readonly url: string;
  readonly secret: string;
  readonly concurrency: number;
}

let running = false;
let statuses: Record<string, number> = {};
let loops: Promise<void>[] = [];

async function loop(url: URL, requests: readonly { head: string; body: string }[], offset: number): Promise<void> {
  const connection = new FloodConnection(url.hostname, Number(url.port));
  for (let i = offset; running; i++) {
    const { head, body } = requests[i % requests.length]!;
    const status = await connection.send(head, body);
    statuses[status] = (statuses[status] ?? 0) + 1;
    // A refused connection (too many for the machine) is not retried in a tight loop.
    if (status === 'error') await new Promise((resolve) => setTimeout(resolve, 10));
  }
  connection.close();
}

process.on('message', (message: FloodStart | { type: 'stop' }) => {
  if (message?.type === 'start') {
    const url = new URL(message.url);
    const requests = Array.from({ length: 200 }, () => {
      const body = JSON.stringify(buildIncreaseAccount());
      const head = `POST ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: application/json\r\nincrease-webhook-signature: ${increaseSignatureHeader(body, message.secret)}`;
      return { head, body };
    });
    running = true;
    statuses = {};
    loops = Array.from({ length: message.concurrency }, (_, i) => loop(url, requests, i * 7));
    process.send!({ type: 'started' });
  } else if (message?.type === 'stop') {
    running = false;
    void Promise.all(loops).then(() => process.send!({ type: 'done', statuses }));
  }
});
process.send?.({ type: 'ready' });
