import type { IncomingMessage } from 'node:http';

export interface RefusalHoldOptions {
  /** `WHDB_INGRESS_RATE_LIMIT_HOLD_MS`: how long a 429 is held back (never beyond its Retry-After); 0 answers at once. */
  readonly holdMs: number;
  /** `WHDB_INGRESS_RATE_LIMIT_MAX_HELD`: answers held at once; beyond it a 429 goes at once, with `Connection: close`. */
  readonly maxHeld: number;
  /** Called for each 429 sent at once because `maxHeld` answers were already held. */
  readonly onOverflow?: () => void;
  /** In [0, 1): spreads the holds (tests pass a constant). */
  readonly random?: () => number;
}

/**
 * Holds a rate-limited request's 429 back for a while before sending it
 * (docs/operations.md#noisy-tenant): a client that ignores `Retry-After` and sends its next webhook
 * as soon as an answer arrives is thereby paced to one webhook per connection per hold, instead of
 * as many as the ingress can refuse (each hold is between half and all of that, so that a flood's
 * connections do not return in waves). A held answer costs a timer, not CPU, and holds no in-flight
 * slot. At most `maxHeld` are held at once (memory, sockets); beyond that a 429 is sent at once
 * with `Connection: close`, so such a client pays a new connection for each try. The hold ends
 * early, silently, when the client goes away.
 */
export class RefusalHold {
  private held = 0;

  constructor(private readonly options: RefusalHoldOptions) {
    if (!Number.isInteger(options.holdMs) || options.holdMs < 0) throw new Error(`the hold must be an integer >= 0 ms, got ${options.holdMs}`);
    if (!Number.isInteger(options.maxHeld) || options.maxHeld < 0) throw new Error(`the held answers must be an integer >= 0, got ${options.maxHeld}`);
  }

  get current(): number {
    return this.held;
  }

  /**
   * Calls `send` after the hold, with the `retry-after` that is left of `retryAfterSeconds` once the
   * hold has passed (it counts from the answer); at once with `connection: close` when too many are
   * held; never when the client left.
   */
  hold(req: IncomingMessage, retryAfterSeconds: number, send: (extraHeaders: Readonly<Record<string, string>>) => void): void {
    const longest = Math.min(this.options.holdMs, retryAfterSeconds * 1000);
    if (longest <= 0) return send({});
    // Between half and all of it: a flood's connections, refused together, come back spread out rather than in one wave.
    const ms = Math.round(longest * (1 - (this.options.random ?? Math.random)() / 2));
    if (this.held >= this.options.maxHeld) {
      this.options.onOverflow?.();
      return send(CLOSE);
    }
    const socket = req.socket;
    if (socket.destroyed) return;
    this.held += 1;
    const finish = (answer: boolean): void => {
      clearTimeout(timer);
      socket.off('close', gone);
      this.held -= 1;
      if (answer) send({ 'retry-after': String(Math.max(0, Math.ceil(retryAfterSeconds - ms / 1000))) });
    };
    const gone = (): void => finish(false);
    const timer = setTimeout(() => finish(true), ms);
    socket.once('close', gone);
  }
}

const CLOSE: Readonly<Record<string, string>> = Object.freeze({ connection: 'close' });
