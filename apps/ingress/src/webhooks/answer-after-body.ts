import type { IncomingMessage } from 'node:http';
import { RawReply } from '@whdb/platform';
import { IngressReply } from './ingress-reply';

/** How much of a refused body is read (and dropped) before the connection is cut, and for how long. */
const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;
const DISCARD_TIMEOUT_MS = 30_000;

/** Sends an ingress answer, with `Whdb-Rejected-Reason` (printable ASCII only) when it is a refusal. */
export function sendIngressReply(reply: RawReply, answer: IngressReply, extra: Readonly<Record<string, string>> = {}): void {
  const headers = answer.rejectedReason ? { ...answer.headers, ...extra, 'whdb-rejected-reason': headerSafe(answer.rejectedReason) } : { ...answer.headers, ...extra };
  reply(answer.status, headers, answer.body);
}

function headerSafe(reason: string): string {
  return reason.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}

/**
 * Answers a request refused before its body was read, once the body has been read and dropped:
 * answering and closing while the client is still sending makes the kernel reset the connection,
 * and the client would never see the answer (docs/behaviour/webhooks.md#statuses). A body beyond
 * `DISCARD_LIMIT_BYTES`, or one that takes longer than `DISCARD_TIMEOUT_MS`, gets its answer at
 * once and the connection is cut.
 */
export function answerAfterBody(req: IncomingMessage, reply: RawReply, answer: IngressReply, extra: Readonly<Record<string, string>> = {}): void {
  const giveUp = (): void => {
    sendIngressReply(reply, answer, { ...extra, connection: 'close' });
    req.socket.destroySoon();
  };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > DISCARD_LIMIT_BYTES) return giveUp();
  if (req.readableEnded) return sendIngressReply(reply, answer, extra);
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
    sendIngressReply(reply, answer, extra);
  });
  req.once('close', () => clearTimeout(cutOff));
  req.resume();
}
