/**
 * kafkajs 2.2.4's request queue re-arms a timer on every check even when nothing waits: with no
 * throttle (`throttledUntil` is -1) the delay is negative, so Node runs it after 1 ms, and the
 * check re-arms it again. Every broker connection of every client (producer, consumer, admin)
 * therefore runs a 1 ms timer loop for its whole life, busy or idle (kafkajs issue #1556). On the
 * development machine that was about 0.1 core per service process (docs/performance.md#kafkajs-timer-loop).
 *
 * `installKafkajsIdleTimerFix` replaces the queue's scheduling method, once per process, with one
 * that arms the timer only when there is something to wait for: requests pending, either behind a
 * broker throttle (checked when it ends) or behind the in-flight cap (checked every 10 ms, as
 * kafkajs does; a fulfilled request also checks). Everything else in kafkajs is unchanged: `push`
 * and fulfilled requests still call `checkPendingRequests`, which still calls this method.
 */

/** What the fix touches of kafkajs' `RequestQueue` (private API, pinned by the kafkajs version in package.json). */
export interface KafkajsRequestQueue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

interface RequestQueueClass {
  prototype: KafkajsRequestQueue & { [FIXED]?: true };
}

/** kafkajs' `CHECK_PENDING_REQUESTS_INTERVAL`: how often a queue full of in-flight requests is looked at again. */
const PENDING_RECHECK_MS = 10;
const FIXED = Symbol.for('whdb.kafkajs.idleTimerFix');

/** The replacement for `RequestQueue.prototype.scheduleCheckPendingRequests`. */
export function scheduleCheckPendingRequestsWhenNeeded(this: KafkajsRequestQueue): void {
  if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
  const untilUnthrottled = this.throttledUntil - Date.now();
  this.throttleCheckTimeoutId = setTimeout(
    () => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    },
    untilUnthrottled > 0 ? untilUnthrottled : PENDING_RECHECK_MS,
  );
}

/** kafkajs' request queue class (loaded from kafkajs itself, so it is the one every client uses). */
export function kafkajsRequestQueueClass(): RequestQueueClass {
  // A deep import of kafkajs' CommonJS source: the class is not exported from the package's index.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('kafkajs/src/network/requestQueue') as RequestQueueClass;
}

/** Applies the fix once per process; idempotent. Called by `createKafkaClient`. */
export function installKafkajsIdleTimerFix(): void {
  const { prototype } = kafkajsRequestQueueClass();
  if (prototype[FIXED]) return;
  prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequestsWhenNeeded;
  prototype[FIXED] = true;
}
