import type { IncomingMessage } from 'node:http';
import { RawReply } from '@whdb/platform';
import { IngressReply } from './ingress-reply';
import { afterDrainingBody } from './raw-body';

/** Sends an ingress answer, with `Whdb-Rejected-Reason` (printable ASCII only) when it is a refusal. */
export function sendIngressReply(reply: RawReply, answer: IngressReply, extra: Readonly<Record<string, string>> = {}): void {
  const headers = answer.rejectedReason ? { ...answer.headers, ...extra, 'whdb-rejected-reason': headerSafe(answer.rejectedReason) } : { ...answer.headers, ...extra };
  reply(answer.status, headers, answer.body);
}

function headerSafe(reason: string): string {
  return reason.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}

/** Answers a request refused before its body was read, once the body was drained (`afterDrainingBody`). */
export function answerAfterBody(req: IncomingMessage, reply: RawReply, answer: IngressReply, extra: Readonly<Record<string, string>> = {}): void {
  afterDrainingBody(req, (closeConnection) => sendIngressReply(reply, answer, closeConnection ? { ...extra, connection: 'close' } : extra));
}
