/**
 * A mutual exclusion for async work in one process: `acquire()` resolves with a release function
 * once every earlier holder released. The rebuild uses it so the swap never overlaps a batch being
 * written (docs/behaviour/rebuild.md#the-swap).
 */
export class SerialLock {
  private tail: Promise<void> = Promise.resolve();

  async acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => released);
    await previous;
    return release;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}
