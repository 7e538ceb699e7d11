/** What the load driver sends: a provider webhook (a row expected in Postgres) or a Front reply (an SMS expected at SignalWire). */
export type DeliveryKind = 'webhook' | 'sms';

/** One request of the load and how the system answered it. */
export interface Delivery {
  readonly kind: DeliveryKind;
  /** The remote id (webhook) or the SMS body (reply): what identifies it downstream. */
  readonly key: string;
  readonly sentAt: number;
  /** The HTTP status, or null when no answer came (connection refused, reset, timed out). */
  status: number | null;
  answeredAt: number | null;
}

/** What was found downstream for the ledger's keys: how many times each one is there. */
export interface Downstream {
  /** Remote id -> rows with it in the integration's table. */
  readonly rows: ReadonlyMap<string, number>;
  /** SMS body -> messages SignalWire created with it. */
  readonly smsSent: ReadonlyMap<string, number>;
}

/** The figures of one failure (one line of docs/chaos-results.md). */
export interface ChaosFigures {
  readonly webhooksSent: number;
  readonly acknowledged: number;
  /** Distinct webhooks in Postgres (acknowledged or not: a 503 whose event Kafka took anyway is stored too). */
  readonly stored: number;
  /** Acknowledged webhooks not in Postgres. */
  readonly lost: number;
  /** Webhooks with more than one row. */
  readonly duplicates: number;
  readonly smsAcknowledged: number;
  /** Acknowledged replies SignalWire created an SMS for. */
  readonly smsSent: number;
  readonly smsLost: number;
  /** Replies SignalWire created more than one SMS for. */
  readonly smsTwice: number;
}

/**
 * Every request one chaos scenario sent, with its answer (docs/operations.md#chaos-suite). A
 * delivery counts as acknowledged when the ingress answered 2xx: from then on it must end up
 * downstream exactly once, whatever fails.
 */
export class ChaosLedger {
  readonly deliveries: Delivery[] = [];

  begin(kind: DeliveryKind, key: string): Delivery {
    const delivery: Delivery = { kind, key, sentAt: Date.now(), status: null, answeredAt: null };
    this.deliveries.push(delivery);
    return delivery;
  }

  of(kind: DeliveryKind): Delivery[] {
    return this.deliveries.filter((d) => d.kind === kind);
  }

  /** Keys answered 2xx (at or before `until`, a time in ms, when given). */
  acknowledged(kind: DeliveryKind, until = Number.POSITIVE_INFINITY): string[] {
    return this.of(kind)
      .filter((d) => d.status !== null && d.status >= 200 && d.status < 300 && d.answeredAt! <= until)
      .map((d) => d.key);
  }

  /** Whether some delivery of `kind` sent at or after `since` was acknowledged (the path works again). */
  acknowledgedSince(kind: DeliveryKind, since: number): boolean {
    return this.of(kind).some((d) => d.sentAt >= since && d.status !== null && d.status >= 200 && d.status < 300);
  }

  /** Answers by status (`none` for no answer), for failure messages. */
  statuses(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const d of this.deliveries) counts[`${d.kind} ${d.status ?? 'none'}`] = (counts[`${d.kind} ${d.status ?? 'none'}`] ?? 0) + 1;
    return counts;
  }

  figures(downstream: Downstream): ChaosFigures {
    const webhooks = new Set(this.of('webhook').map((d) => d.key));
    const acked = new Set(this.acknowledged('webhook'));
    const sms = new Set(this.acknowledged('sms'));
    const count = (map: ReadonlyMap<string, number>, keys: Iterable<string>, test: (n: number) => boolean) => [...keys].filter((k) => test(map.get(k) ?? 0)).length;
    return {
      webhooksSent: this.of('webhook').length,
      acknowledged: acked.size,
      stored: count(downstream.rows, webhooks, (n) => n >= 1),
      lost: count(downstream.rows, acked, (n) => n === 0),
      duplicates: count(downstream.rows, webhooks, (n) => n > 1),
      smsAcknowledged: sms.size,
      smsSent: count(downstream.smsSent, sms, (n) => n >= 1),
      smsLost: count(downstream.smsSent, sms, (n) => n === 0),
      smsTwice: count(downstream.smsSent, new Set(this.of('sms').map((d) => d.key)), (n) => n > 1),
    };
  }
}
