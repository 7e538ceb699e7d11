import { ConsumedMessage, toConsumedMessage } from '@whdb/kafka';
import { forEachKeyInOrder } from './for-each-key-in-order';

const message = (offset: number, key: string | null): ConsumedMessage => toConsumedMessage('t', 0, { offset: String(offset), key, value: Buffer.from('{}') });

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((res) => (resolve = res));
  return { promise, resolve };
}

describe('forEachKeyInOrder', () => {
  it('runs one key in offset order and other keys side by side', async () => {
    const gate = deferred();
    const log: string[] = [];
    const done = forEachKeyInOrder([message(1, 'a'), message(2, 'b'), message(3, 'a'), message(4, null), message(5, null)], async (m) => {
      log.push(`start ${m.offset}`);
      if (m.offset === '1') await gate.promise;
      log.push(`end ${m.offset}`);
    });
    await new Promise((resolve) => setImmediate(resolve));
    // Offset 1 is held: 3 (same key) waits for it; 2, 4 and 5 (other keys, or none) went ahead.
    expect(log).toEqual(['start 1', 'start 2', 'end 2', 'start 4', 'end 4', 'start 5', 'end 5']);
    gate.resolve();
    await done;
    expect(log.slice(7)).toEqual(['end 1', 'start 3', 'end 3']);
  });

  it('stops a key at its failure, lets the others finish, and rejects with the earliest failure', async () => {
    const handled: string[] = [];
    const run = forEachKeyInOrder([message(1, 'a'), message(2, 'b'), message(3, 'a'), message(4, 'b'), message(5, 'c')], async (m) => {
      await new Promise((resolve) => setImmediate(resolve));
      if (m.offset === '4') throw new Error('four');
      if (m.offset === '1') throw new Error('one');
      handled.push(m.offset);
    });
    await expect(run).rejects.toThrow('one');
    expect(handled.sort()).toEqual(['2', '5']);
  });

  it('resolves at once for no messages', async () => {
    await expect(forEachKeyInOrder([], async () => Promise.reject(new Error('never')))).resolves.toBeUndefined();
  });
});
