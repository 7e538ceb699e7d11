import type { IncomingMessage } from 'node:http';
import { RawReply, RawRequestContext, RawRoute } from '@whdb/platform';
import { answerAfterBody } from '../webhooks/answer-after-body';
import { IngressReplies } from '../webhooks/ingress-reply';
import { RefusalHold } from './refusal-hold';
import { TenantGate } from './tenant-gate';

/**
 * Puts the per-tenant rate limits in front of a webhook route (docs/operations.md#noisy-tenant),
 * outside its in-flight bound (`sheddingRoute`): a webhook the `TenantGate` finds over its rate is
 * answered 429 once its body was drained, before the route (and its in-flight slot) sees it; every
 * 429, this one or the use case's, is sent through the `RefusalHold`. `onLimited` counts the
 * gate's refusals (the use case counts its own).
 */
export function rateLimitedRoute(route: RawRoute, gate: TenantGate, hold: RefusalHold, onLimited: (scope: 'integration' | 'organization') => void): RawRoute {
  const holding =
    (req: IncomingMessage, reply: RawReply): RawReply =>
    (status, headers, body) => {
      if (status !== 429) return reply(status, headers, body);
      hold.hold(req, Number(headers['retry-after']) || 1, (extra) => reply(status, { ...headers, ...extra }, body));
    };
  return {
    prefix: route.prefix,
    template: route.template,
    handle(req: IncomingMessage, context: RawRequestContext, reply: RawReply): void {
      const refusal = gate.refusal(req.url ?? '', route.prefix);
      if (!refusal) return route.handle(req, context, holding(req, reply));
      onLimited(refusal.scope);
      answerAfterBody(req, holding(req, reply), IngressReplies.rateLimited(refusal.scope, refusal.retryAfterSeconds));
    },
  };
}
