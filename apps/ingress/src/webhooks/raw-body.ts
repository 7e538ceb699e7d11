import type { IncomingMessage } from 'node:http';

/** How much of a refused body is read (and dropped) before the connection is cut, and for how long. */
const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;
const DISCARD_TIMEOUT_MS = 30_000;

export interface RawBodyHandlers {
  /** The whole body, once read within the limit. */
  onBody(body: Buffer): void;
  /**
   * The body is over the limit (called once): record the refusal and return how to send the 413,
   * which `afterDrainingBody` calls.
   */
  onTooLarge(): (closeConnection: boolean) => void;
}

/**
 * Reads and drops the rest of a refused body, then calls `answer(false)`: answering while the
 * client still sends makes the kernel reset the connection, and the client would never see the
 * answer (docs/behaviour/webhooks.md#statuses). A body beyond `DISCARD_LIMIT_BYTES`, or one that
 * takes longer than `DISCARD_TIMEOUT_MS`, is answered at once with `answer(true)` (close) and its
 * connection cut.
 */
export function afterDrainingBody(req: IncomingMessage, answer: (closeConnection: boolean) => void): void {
  const giveUp = (): void => {
    answer(true);
    req.socket.destroySoon();
  };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > DISCARD_LIMIT_BYTES) return giveUp();
  if (req.readableEnded) return answer(false);
  let discarded = 0;
  const cutOff = setTimeout(giveUp, DISCARD_TIMEOUT_MS);
  req.removeAllListeners('data');
  req.removeAllListeners('end');
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT_BYTES) {
      clearTimeout(cutOff);
      giveUp();
    }
  });
  req.once('end', () => {
    clearTimeout(cutOff);
    answer(false);
  });
  req.once('close', () => clearTimeout(cutOff));
  req.resume();
}

/**
 * Reads a route's exact body bytes (signatures are computed over them) up to `maxBodyBytes`
 * (`WHDB_MAX_BODY_BYTES`, docs/behaviour/webhooks.md#endpoint), refusing a larger body cleanly.
 */
export function readRawBody(req: IncomingMessage, maxBodyBytes: number, handlers: RawBodyHandlers): void {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBodyBytes) {
    afterDrainingBody(req, handlers.onTooLarge());
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    if (size > maxBodyBytes) {
      refused = true;
      chunks.length = 0;
      afterDrainingBody(req, handlers.onTooLarge());
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (refused) return;
    handlers.onBody(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
  });
  req.on('error', () => {
    refused = true; // the client went away; nothing to answer
  });
}
