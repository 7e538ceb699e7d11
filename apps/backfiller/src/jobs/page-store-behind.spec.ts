import { PageStoreBehind } from './page-store-behind';

/** A promise the test settles by hand. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Lets every settled promise's callbacks run. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A store whose publishes and records finish when the test says, logging what happened in order. */
function manualStore() {
  const log: string[] = [];
  const publishes = new Map<number, ReturnType<typeof deferred>>();
  const records = new Map<number, ReturnType<typeof deferred>>();
  const store = new PageStoreBehind<number>({
    publish: (page) => {
      log.push(`publish ${page}`);
      publishes.set(page, deferred());
      return publishes.get(page)!.promise.then(() => void log.push(`published ${page}`));
    },
    record: (page) => {
      log.push(`record ${page}`);
      records.set(page, deferred());
      return records.get(page)!.promise.then(() => void log.push(`recorded ${page}`));
    },
  });
  return { store, log, publishes, records };
}

describe('PageStoreBehind (docs/behaviour/backfill.md#runner)', () => {
  it('returns while a page is published, so the next page can be fetched meanwhile', async () => {
    const { store, log } = manualStore();
    await store.accept(1);
    expect(log).toEqual(['publish 1']);
  });

  it('publishes pages one at a time and in order, and records a cursor only after its page is published and the previous cursor recorded', async () => {
    const { store, log, publishes, records } = manualStore();
    await store.accept(1);
    let second = false;
    const accepting = store.accept(2).then(() => (second = true));
    await flush();
    expect(second).toBe(false); // page 2 waits until page 1 is in Kafka
    publishes.get(1)!.resolve();
    await accepting;
    expect(log).toEqual(['publish 1', 'published 1', 'publish 2', 'record 1']);
    publishes.get(2)!.resolve();
    await flush();
    expect(log).not.toContain('record 2'); // cursor 1 is not recorded yet
    records.get(1)!.resolve();
    await flush();
    expect(log.slice(-3)).toEqual(['published 2', 'recorded 1', 'record 2']);
    records.get(2)!.resolve();
    await store.drain();
    expect(log.at(-1)).toBe('recorded 2');
  });

  it('raises a failed publish at the next accept and at drain, and publishes nothing after it', async () => {
    const { store, log, publishes } = manualStore();
    await store.accept(1);
    publishes.get(1)!.reject(new Error('kafka down'));
    await expect(store.accept(2)).rejects.toThrow('kafka down');
    expect(log).toEqual(['publish 1']);
    await expect(store.drain()).rejects.toThrow('kafka down');
  });

  it('raises a failed record at the accept after it, and records nothing after it', async () => {
    const { store, log, publishes, records } = manualStore();
    await store.accept(1);
    publishes.get(1)!.resolve();
    await store.accept(2);
    records.get(1)!.reject(new Error('postgres down'));
    publishes.get(2)!.resolve();
    await expect(store.drain()).rejects.toThrow('postgres down');
    expect(log).not.toContain('record 2');
    await expect(store.accept(3)).rejects.toThrow('postgres down');
    expect(log).not.toContain('publish 3');
  });

  it('drain waits for the last page to be published and recorded', async () => {
    const { store, log, publishes, records } = manualStore();
    await store.accept(1);
    let drained = false;
    const draining = store.drain().then(() => (drained = true));
    publishes.get(1)!.resolve();
    await flush();
    expect(drained).toBe(false);
    records.get(1)!.resolve();
    await draining;
    expect(log).toEqual(['publish 1', 'published 1', 'record 1', 'recorded 1']);
  });
});
