import { ChaosLedger, DeliveryKind } from './chaos-ledger';

/** One request ready to go: its downstream key and how to send it (resolves with the HTTP status). */
export interface PreparedDelivery {
  readonly key: string;
  send(signal: AbortSignal): Promise<number>;
}

export interface LoadOptions {
  /** Webhooks started per second (default 15). */
  readonly webhooksPerSecond?: number;
  /** Front replies (one SMS each) started per second (default 2). */
  readonly smsPerSecond?: number;
  /** Requests in flight at most; a tick finding this many waiting sends nothing (default 16). */
  readonly maxInFlight?: number;
  /** A request without an answer after this long counts as unanswered (default 10 s). */
  readonly requestTimeoutMs?: number;
}

/**
 * A steady stream of webhooks and Front replies through the ingress, as providers send them, each
 * recorded in a `ChaosLedger` with its answer. It never retries: a refused delivery is the
 * provider's to retry, and only acknowledged ones are owed downstream.
 */
export class LoadDriver {
  private timers: NodeJS.Timeout[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly make: Record<DeliveryKind, () => PreparedDelivery>,
    private readonly options: LoadOptions = {},
  ) {}

  start(ledger: ChaosLedger): this {
    const every = (kind: DeliveryKind, perSecond: number) => {
      if (perSecond <= 0) return;
      this.timers.push(setInterval(() => this.fire(ledger, kind), Math.max(1, Math.round(1000 / perSecond))));
    };
    every('webhook', this.options.webhooksPerSecond ?? 15);
    every('sms', this.options.smsPerSecond ?? 2);
    return this;
  }

  /** Stops sending and waits for every request in flight to be answered or to time out. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await Promise.all([...this.inFlight]);
  }

  private fire(ledger: ChaosLedger, kind: DeliveryKind): void {
    if (this.inFlight.size >= (this.options.maxInFlight ?? 16)) return;
    const prepared = this.make[kind]();
    const delivery = ledger.begin(kind, prepared.key);
    const request = prepared
      .send(AbortSignal.timeout(this.options.requestTimeoutMs ?? 10_000))
      .then((status) => {
        delivery.status = status;
      })
      .catch(() => {
        delivery.status = null;
      })
      .finally(() => {
        delivery.answeredAt = Date.now();
        this.inFlight.delete(request);
      });
    this.inFlight.add(request);
  }
}
