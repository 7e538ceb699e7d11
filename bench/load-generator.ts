import { buildIncreaseAccount, increaseSignatureHeader } from '@whdb/testing';
import { HttpLoadConnection } from './http-load-connection';

/**
 * The bench's load generator, run as its own process (so its CPU is measured apart from the
 * stack's): builds N Increase account bodies up front (`prepare`, outside the measured window), then
 * sends them with C requests in flight over C keep-alive connections (`HttpLoadConnection`), signing each one at send time, and reports every latency to the 2xx.
 * A connection answered 503 or 429 with `Retry-After` waits that long before its next webhook, as a
 * provider does (the refused webhook is not sent again: it counts as not accepted).
 * Driven over IPC by increase-webhooks.bench.ts: `prepare`, then `run` in, `done` out.
 */
export interface LoadPrepare {
  readonly type: 'prepare';
  readonly requests: number;
}

export interface LoadRun {
  readonly type: 'run';
  readonly url: string;
  readonly secret: string;
  readonly concurrency: number;
}

export interface LoadResult {
  readonly type: 'done';
  /** Milliseconds until the 2xx, of every accepted request, in completion order. */
  readonly latenciesMs: number[];
  /** How many answers of each status (plus `error` for connection failures). */
  readonly statuses: Record<string, number>;
  readonly elapsedMs: number;
}

let bodies: string[] = [];

async function run(job: LoadRun): Promise<LoadResult> {
  const url = new URL(job.url);
  const head = `POST ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: application/json`;
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      const connection = new HttpLoadConnection(url.hostname, Number(url.port));
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const sentAt = performance.now();
        let status: string;
        let waitSeconds = 0;
        try {
          const answer = await connection.send(`${head}\r\nincrease-webhook-signature: ${increaseSignatureHeader(body, job.secret)}`, body);
          status = String(answer.status);
          if (answer.status >= 200 && answer.status < 300) latenciesMs.push(performance.now() - sentAt);
          else if (answer.status === 503 || answer.status === 429) waitSeconds = answer.retryAfterSeconds ?? 0;
        } catch {
          status = 'error';
        }
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (waitSeconds > 0) await new Promise((resolve) => setTimeout(resolve, waitSeconds * 1000));
      }
      connection.close();
    }),
  );
  const elapsedMs = performance.now() - started;
  return { type: 'done', latenciesMs, statuses, elapsedMs };
}

process.on('message', (message: LoadPrepare | LoadRun) => {
  if (message?.type === 'prepare') {
    bodies = Array.from({ length: message.requests }, () => JSON.stringify(buildIncreaseAccount()));
    process.send!({ type: 'prepared' });
    return;
  }
  if (message?.type !== 'run') return;
  run(message).then(
    (result) => process.send!(result),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.send?.({ type: 'ready' });
