/**
 * Lets the rebuild's batches run side by side (one per partition) and lets the swap close the
 * gate: `close()` waits until no batch is being written and keeps new ones out until the returned
 * function reopens it (docs/behaviour/rebuild.md#the-swap).
 */
export class BatchGate {
  private active = 0;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  private openWaiters: (() => void)[] = [];

  async pass<T>(work: () => Promise<T>): Promise<T> {
    while (this.closed) await new Promise<void>((resolve) => this.openWaiters.push(resolve));
    this.active += 1;
    try {
      return await work();
    } finally {
      this.active -= 1;
      if (this.active === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    }
  }

  async close(): Promise<() => void> {
    this.closed = true;
    while (this.active > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    return () => {
      this.closed = false;
      this.openWaiters.splice(0).forEach((resolve) => resolve());
    };
  }
}
