import { Agent, request } from 'node:http';
import { buildIncreaseAccount, increaseSignatureHeader } from '@whdb/testing';

/**
 * The bench's load generator, run as its own process (so its CPU is measured apart from the
 * stack's): builds N Increase account bodies up front (`prepare`, outside the measured window), then
 * sends them with C requests in flight over keep-alive connections, signing each one at send time, and reports every latency to the 2xx.
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

function send(agent: Agent, url: URL, body: string, secret: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'increase-webhook-signature': increaseSignatureHeader(body, secret),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let bodies: string[] = [];

async function run(job: LoadRun): Promise<LoadResult> {
  const url = new URL(job.url);
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const sentAt = performance.now();
        let status: string;
        try {
          const code = await send(agent, url, body, job.secret);
          status = String(code);
          if (code >= 200 && code < 300) latenciesMs.push(performance.now() - sentAt);
        } catch {
          status = 'error';
        }
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  agent.destroy();
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
