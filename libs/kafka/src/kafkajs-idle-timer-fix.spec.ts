import { installKafkajsIdleTimerFix, kafkajsRequestQueueClass } from './kafkajs-idle-timer-fix';

interface QueueUnderTest {
  pending: unknown[];
  inflight: Map<number, unknown>;
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  destroy(): void;
}

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A real kafkajs request queue (no socket: the tests put requests straight into its pending list). */
function queue(maxInFlightRequests: number | null = null): QueueUnderTest {
  const RequestQueue = kafkajsRequestQueueClass() as unknown as new (options: object) => QueueUnderTest;
  return new RequestQueue({ maxInFlightRequests, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: 'test', broker: 'localhost:9092', logger: silent });
}

/** A pending request as the queue sees it; `sent` turns true when the queue sends it. */
function pendingRequest(correlationId: number) {
  const request = { correlationId, expectResponse: true, sent: false, send: () => void (request.sent = true) };
  return request;
}

const waitUntil = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('installKafkajsIdleTimerFix (docs/performance.md#kafkajs-timer-loop)', () => {
  beforeAll(() => installKafkajsIdleTimerFix());

  it('arms no timer when nothing is pending (kafkajs 2.2.4 re-armed a 1 ms timer on every check)', () => {
    const q = queue();
    q.checkPendingRequests();
    expect(q.throttleCheckTimeoutId).toBeNull();
    q.destroy();
  });

  it('is idempotent', () => {
    installKafkajsIdleTimerFix();
    const q = queue();
    q.checkPendingRequests();
    expect(q.throttleCheckTimeoutId).toBeNull();
  });

  it('still sends a request held back by a broker throttle once the throttle ends', async () => {
    const q = queue();
    const request = pendingRequest(1);
    q.throttledUntil = Date.now() + 30;
    q.pending.push(request);
    q.checkPendingRequests();
    expect(request.sent).toBe(false);
    expect(q.throttleCheckTimeoutId).not.toBeNull();
    await waitUntil(() => request.sent);
    expect(q.pending).toHaveLength(0);
    expect(q.throttleCheckTimeoutId).toBeNull();
    q.destroy();
  });

  it('rechecks a queue held back by the in-flight cap until a slot frees', async () => {
    const q = queue(1);
    q.inflight.set(99, {});
    const request = pendingRequest(2);
    q.pending.push(request);
    q.checkPendingRequests();
    expect(request.sent).toBe(false);
    expect(q.throttleCheckTimeoutId).not.toBeNull();
    q.inflight.delete(99);
    await waitUntil(() => request.sent);
    expect(q.throttleCheckTimeoutId).toBeNull();
    q.destroy();
  });
});
