/** How a job stores one fetched page: publish its resources, then record the job's next cursor. */
export interface PageStore<T> {
  /** Resolves once Kafka acknowledged every resource of the page. */
  publish(page: T): Promise<void>;
  /** Stores the page's count and next cursor; called only once the page and every earlier page are published and recorded. */
  record(page: T): Promise<void>;
}

/**
 * Lets a job's page loop run as a pipeline (docs/behaviour/backfill.md#runner): while page n is
 * published, page n+1 is fetched and page n-1's cursor recorded. `accept` returns as soon as the
 * page before was published (its errors are raised there) and this one's publishing started, so
 * the loop asks the provider for the next page at once. What resume relies on is unchanged: pages
 * are published one at a time and in order, and a cursor is recorded only after its page was
 * published and every earlier cursor recorded. At most three pages are held at once.
 * `drain` waits for the last page; a failed publish or record is raised by the next `accept` or
 * by `drain`, and nothing after it is published or recorded.
 */
export class PageStoreBehind<T> {
  private published: Promise<void> | undefined;
  private recorded: Promise<void> = Promise.resolve();
  private failure: { readonly error: unknown } | undefined;

  constructor(private readonly store: PageStore<T>) {}

  async accept(page: T): Promise<void> {
    await this.published;
    if (this.failure) throw this.failure.error;
    const published = this.store.publish(page);
    const previous = this.recorded;
    this.published = published;
    this.recorded = (async () => {
      await published;
      await previous;
      await this.store.record(page);
    })();
    // Observed by the next accept or drain; until then neither may count as unhandled.
    published.catch(() => undefined);
    this.recorded.catch((error: unknown) => (this.failure ??= { error }));
  }

  /** Resolves once every accepted page is published and recorded; rejects with the first failure. */
  async drain(): Promise<void> {
    const published = this.published;
    this.published = undefined;
    await published;
    await this.recorded;
  }
}
