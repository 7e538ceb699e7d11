import { AppError, silentLogger } from '@whdb/core';
import { BatchProcessor, MessageBatchHandler, PartitionBatch } from './batch-processor';
import { ConsumedMessage, toConsumedMessage } from './consumed-message';
import { ConsumerRunnerCounters } from './consumer-runner-stats';

interface Harness {
  batch: PartitionBatch & { commits: string[]; active: boolean };
  processor: BatchProcessor;
  counters: ConsumerRunnerCounters;
  deadLetters: { offset: string; error: unknown }[];
  controller: AbortController;
}

function messages(count: number): ConsumedMessage[] {
  return Array.from({ length: count }, (_, i) =>
    toConsumedMessage('t', 0, { offset: String(10 + i), key: `k${i}`, value: Buffer.from(JSON.stringify({ n: i })) }),
  );
}

function harness(
  handler: MessageBatchHandler,
  options: { count?: number; maxBatchSize?: number; maxMs?: number; deadLetter?: (m: ConsumedMessage, e: unknown) => Promise<void> } = {},
): Harness {
  const deadLetters: { offset: string; error: unknown }[] = [];
  const controller = new AbortController();
  const counters = new ConsumerRunnerCounters();
  const batch = {
    topic: 't',
    partition: 0,
    messages: messages(options.count ?? 5),
    commits: [] as string[],
    active: true,
    isActive() {
      return this.active;
    },
    heartbeat: async () => undefined,
    async commit(offset: string) {
      this.commits.push(offset);
    },
  };
  const processor = new BatchProcessor({
    handler,
    deadLetter:
      options.deadLetter ??
      (async (message, error) => {
        deadLetters.push({ offset: message.offset, error });
      }),
    policy: { initialMs: 1, maxMs: options.maxMs ?? 4, maxAttemptsForUnknownErrors: 3 },
    maxBatchSize: options.maxBatchSize ?? 2,
    logger: silentLogger,
    counters,
    signal: controller.signal,
  });
  return { batch, processor, counters, deadLetters, controller };
}

const offsetsOf = (list: ConsumedMessage[]) => list.map((m) => m.offset);

describe('BatchProcessor', () => {
  it('hands chunks of maxBatchSize to the handler and commits after each', async () => {
    const calls: string[][] = [];
    const h = harness(async (list) => void calls.push(offsetsOf(list)));
    await h.processor.process(h.batch);
    expect(calls).toEqual([['10', '11'], ['12', '13'], ['14']]);
    expect(h.batch.commits).toEqual(['11', '13', '14']);
    expect(h.counters.snapshot()).toMatchObject({ processed: 5, deadLettered: 0, retries: 0, commits: 3 });
  });

  it('waits at least the Retry-After an error carries (a provider 429), capped by the policy', async () => {
    const times: number[] = [];
    const rateLimited = Object.assign(new AppError('upstream_http_error', 'HTTP 429', {}, { retriable: true }), { retryAfterSeconds: 0.3 });
    const h = harness(
      async () => {
        times.push(Date.now());
        if (times.length === 1) throw rateLimited;
      },
      { count: 1, maxBatchSize: 1, maxMs: 10_000 },
    );
    await h.processor.process(h.batch);
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(290);

    const capped: number[] = [];
    const tooLong = Object.assign(new AppError('upstream_http_error', 'HTTP 429', {}, { retriable: true }), { retryAfterSeconds: 3600 });
    const c = harness(
      async () => {
        capped.push(Date.now());
        if (capped.length === 1) throw tooLong;
      },
      { count: 1, maxBatchSize: 1, maxMs: 50 },
    );
    await c.processor.process(c.batch);
    expect(capped[1]! - capped[0]!).toBeLessThan(1000);
  });

  it('retries an outage on the whole chunk until it passes, never skipping', async () => {
    let failuresLeft = 3;
    const calls: string[][] = [];
    const h = harness(async (list) => {
      calls.push(offsetsOf(list));
      if (failuresLeft-- > 0) throw new AppError('database_unavailable', 'db down');
    });
    await h.processor.process(h.batch);
    expect(calls.slice(0, 4)).toEqual([['10', '11'], ['10', '11'], ['10', '11'], ['10', '11']]);
    expect(h.batch.commits).toEqual(['11', '13', '14']);
    expect(h.counters.snapshot()).toMatchObject({ processed: 5, retries: 3, deadLettered: 0 });
  });

  it('isolates a failing chunk and dead-letters only the poison message', async () => {
    const calls: string[][] = [];
    const h = harness(async (list) => {
      calls.push(offsetsOf(list));
      if (list.some((m) => m.offset === '12')) throw new AppError('resource_shape_invalid', 'no id');
    });
    await h.processor.process(h.batch);
    expect(calls).toEqual([['10', '11'], ['12', '13'], ['12'], ['13'], ['14']]);
    expect(h.deadLetters.map((d) => d.offset)).toEqual(['12']);
    expect(h.batch.commits).toEqual(['11', '12', '13', '14']);
    expect(h.counters.snapshot()).toMatchObject({ processed: 4, deadLettered: 1, retries: 0 });
  });

  it('dead-letters a JSON decode error from json()', async () => {
    const h = harness(async (list) => {
      for (const m of list) m.json();
    }, { count: 1 });
    const poison = toConsumedMessage('t', 0, { offset: '10', key: 'k', value: Buffer.from('{oops') });
    await h.processor.process({ ...h.batch, messages: [poison], isActive: () => true, commit: async (o) => void h.batch.commits.push(o) });
    expect(h.deadLetters).toHaveLength(1);
    expect(h.deadLetters[0].error).toMatchObject({ code: 'invalid_input' });
    expect(h.batch.commits).toEqual(['10']);
  });

  it('retries unknown errors up to the limit, then dead-letters', async () => {
    let calls = 0;
    const h = harness(async () => {
      calls += 1;
      throw new TypeError('bug');
    }, { count: 1 });
    await h.processor.process(h.batch);
    expect(calls).toBe(3);
    expect(h.deadLetters).toHaveLength(1);
    expect(h.batch.commits).toEqual(['10']);
    expect(h.counters.snapshot()).toMatchObject({ retries: 2, deadLettered: 1, processed: 0 });
  });

  it('commits past a dead letter only after the DLQ publish succeeded', async () => {
    let publishFailures = 2;
    const events: string[] = [];
    const h = harness(
      async () => {
        throw new AppError('resource_shape_invalid', 'bad');
      },
      {
        count: 1,
        deadLetter: async () => {
          if (publishFailures-- > 0) {
            events.push('dlq-failed');
            throw new AppError('kafka_unavailable', 'down');
          }
          events.push('dlq-ok');
        },
      },
    );
    const commit = h.batch.commit.bind(h.batch);
    h.batch.commit = async (offset) => {
      events.push(`commit ${offset}`);
      await commit(offset);
    };
    await h.processor.process(h.batch);
    expect(events).toEqual(['dlq-failed', 'dlq-failed', 'dlq-ok', 'commit 10']);
  });

  it('stops retrying when the runner stops, leaving the message uncommitted', async () => {
    let calls = 0;
    const h = harness(async () => {
      calls += 1;
      if (calls === 3) {
        h.batch.active = false;
        h.controller.abort();
      }
      throw new AppError('database_unavailable', 'down');
    }, { count: 3, maxBatchSize: 1 });
    await h.processor.process(h.batch);
    expect(calls).toBe(3);
    expect(h.batch.commits).toEqual([]);
    expect(h.deadLetters).toEqual([]);
  });

  it('finishes and commits the current chunk, then stops', async () => {
    const h = harness(async () => {
      h.batch.active = false;
    });
    await h.processor.process(h.batch);
    expect(h.batch.commits).toEqual(['11']);
  });
});
