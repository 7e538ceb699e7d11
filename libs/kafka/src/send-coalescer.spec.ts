import { AppError } from '@whdb/core';
import { RawOutgoingMessage } from './outgoing-message';
import { SendCoalescer } from './send-coalescer';

const message = (key: string, size = 10): RawOutgoingMessage => ({ topic: 't', key, value: Buffer.alloc(size), headers: {} });

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('SendCoalescer', () => {
  it('sends alone when idle and combines what arrives during a send, in order', async () => {
    const sends: string[][] = [];
    const gates = [deferred(), deferred()];
    const coalescer = new SendCoalescer(
      async (messages) => {
        sends.push(messages.map((m) => m.key!));
        await gates[sends.length - 1]!.promise;
      },
      { maxBatchMessages: 100, maxBatchBytes: 1e6, maxQueueMs: 10_000 },
    );
    const first = coalescer.submit([message('a')]);
    const second = coalescer.submit([message('b'), message('c')]);
    const third = coalescer.submit([message('d')]);
    gates[0]!.resolve();
    await first;
    gates[1]!.resolve();
    await Promise.all([second, third]);
    expect(sends).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('lingers when idle so that submissions arriving meanwhile leave together', async () => {
    const sends: string[][] = [];
    const coalescer = new SendCoalescer(async (messages) => void sends.push(messages.map((m) => m.key!)), {
      maxBatchMessages: 100,
      maxBatchBytes: 1e6,
      maxQueueMs: 10_000,
      lingerMs: 20,
    });
    const first = coalescer.submit([message('a')]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(sends).toEqual([]);
    const second = coalescer.submit([message('b')]);
    await Promise.all([first, second]);
    expect(sends).toEqual([['a', 'b']]);
  });

  it('stops lingering as soon as a full batch is queued', async () => {
    const sends: number[] = [];
    const coalescer = new SendCoalescer(async (messages) => void sends.push(messages.length), {
      maxBatchMessages: 3,
      maxBatchBytes: 1e6,
      maxQueueMs: 10_000,
      lingerMs: 60_000,
    });
    await Promise.all([coalescer.submit([message('a')]), coalescer.submit([message('b')]), coalescer.submit([message('c')])]);
    expect(sends).toEqual([3]);
  });

  it('splits combined sends by message count and by bytes', async () => {
    const sends: number[] = [];
    const gate = deferred();
    const coalescer = new SendCoalescer(
      async (messages) => {
        sends.push(messages.length);
        if (sends.length === 1) await gate.promise;
      },
      { maxBatchMessages: 3, maxBatchBytes: 25, maxQueueMs: 10_000 },
    );
    const all = [coalescer.submit([message('x')]), ...['a', 'b', 'c', 'd'].map((k) => coalescer.submit([message(k)]))];
    gate.resolve();
    await Promise.all(all);
    expect(sends).toEqual([1, 2, 2]);
  });

  it('rejects every submission of a failed send with its error', async () => {
    const coalescer = new SendCoalescer(async () => Promise.reject(new AppError('kafka_unavailable', 'down')), { maxBatchMessages: 10, maxBatchBytes: 1e6, maxQueueMs: 10_000 });
    await expect(coalescer.submit([message('a')])).rejects.toMatchObject({ code: 'kafka_unavailable' });
  });

  it('retries submissions alone when a combined send is too large, so only the culprit fails', async () => {
    const gate = deferred();
    let calls = 0;
    const coalescer = new SendCoalescer(
      async (messages) => {
        calls += 1;
        if (calls === 1) return gate.promise;
        if (messages.some((m) => m.key === 'huge')) throw new AppError('payload_too_large', 'too large');
      },
      { maxBatchMessages: 10, maxBatchBytes: 1e6, maxQueueMs: 10_000 },
    );
    const first = coalescer.submit([message('first')]);
    const ok = coalescer.submit([message('ok')]);
    const huge = coalescer.submit([message('huge')]);
    gate.resolve();
    await first;
    await expect(ok).resolves.toBeUndefined();
    await expect(huge).rejects.toMatchObject({ code: 'payload_too_large' });
  });

  it('fails submissions that waited too long behind a slow send', async () => {
    const gate = deferred();
    const coalescer = new SendCoalescer(() => gate.promise, { maxBatchMessages: 10, maxBatchBytes: 1e6, maxQueueMs: 20 });
    const first = coalescer.submit([message('a')]);
    const late = coalescer.submit([message('b')]);
    await new Promise((resolve) => setTimeout(resolve, 40));
    gate.resolve();
    await first;
    await expect(late).rejects.toMatchObject({ code: 'kafka_unavailable' });
  });
});
