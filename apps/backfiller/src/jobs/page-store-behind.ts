/** Stores one fetched page: publishes its resources, then records the job's next cursor. */
export type StorePage<T> = (page: T) => Promise<void>;

/**
 * Lets a job fetch its next page while the previous one is being stored
 * (docs/behaviour/backfill.md#runner): `accept` waits until the page before was stored, starts
 * storing this one and returns, so the page loop asks the provider for the next page at once.
 * Pages are still stored one at a time and in order (a cursor is recorded only after its page
 * was published, and after every earlier page's), and at most two pages are in memory. `drain`
 * waits for the last page; a failed store is raised by the next `accept` or by `drain`.
 */
export class PageStoreBehind<T> {
  private storing: Promise<void> | undefined;

  constructor(private readonly store: StorePage<T>) {}

  async accept(page: T): Promise<void> {
    await this.drain();
    const storing = this.store(page);
    // Observed by the next accept or drain; until then it must not count as unhandled.
    storing.catch(() => undefined);
    this.storing = storing;
  }

  /** Resolves once every accepted page is stored; rejects with the error of the one that failed. */
  async drain(): Promise<void> {
    const storing = this.storing;
    this.storing = undefined;
    await storing;
  }
}
