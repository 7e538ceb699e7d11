/**
 * How many webhook requests the ingress works on at once (`WHDB_INGRESS_MAX_IN_FLIGHT`,
 * docs/operations.md#overload). Beyond it a request is shed at once (503 + Retry-After) instead of
 * queueing behind the others: what is accepted keeps its latency, and a shed request was never
 * published, so the provider's retry is the only copy. 0 means unbounded.
 */
export class InFlightBound {
  private inFlight = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 0) throw new Error(`the in-flight bound must be an integer >= 0, got ${limit}`);
  }

  get current(): number {
    return this.inFlight;
  }

  /** Takes a slot and returns its release (idempotent), or null when every slot is taken. */
  tryEnter(): (() => void) | null {
    if (this.limit > 0 && this.inFlight >= this.limit) return null;
    this.inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
    };
  }
}
