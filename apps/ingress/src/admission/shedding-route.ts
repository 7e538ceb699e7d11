import type { IncomingMessage } from 'node:http';
import { RawReply, RawRequestContext, RawRoute } from '@whdb/platform';
import { answerAfterBody } from '../webhooks/answer-after-body';
import { IngressReply } from '../webhooks/ingress-reply';
import { InFlightBound } from './in-flight-bound';

/** Seconds a shed request is told to wait (its work takes milliseconds; the bound frees up fast). */
export const SHED_RETRY_AFTER_SECONDS = 1;

export const SHED_REPLY: IngressReply = {
  status: 503,
  headers: { 'content-type': 'application/json', 'retry-after': String(SHED_RETRY_AFTER_SECONDS) },
  body: JSON.stringify({ message: 'The ingress is at capacity; retry later.' }),
};

/**
 * Puts a raw route behind the ingress's `InFlightBound` (docs/operations.md#overload): a request
 * that finds every slot taken is answered 503 + Retry-After once its body was drained, before
 * anything is looked up, verified or published, so nothing of it is half-done. A slot is held from
 * the request's arrival until its answer is sent, or its connection closes. `tenantOf` names the
 * request's tenant when that is cheap to know, for the bound's fairness between tenants.
 */
export function sheddingRoute(route: RawRoute, bound: InFlightBound, onShed: () => void, tenantOf?: (req: IncomingMessage) => string | undefined): RawRoute {
  return {
    prefix: route.prefix,
    template: route.template,
    handle(req: IncomingMessage, context: RawRequestContext, reply: RawReply): void {
      const release = bound.tryEnter(tenantOf?.(req));
      if (!release) {
        onShed();
        answerAfterBody(req, reply, SHED_REPLY);
        return;
      }
      const socket = req.socket;
      const leave = (): void => {
        socket.off('close', leave);
        release();
      };
      socket.once('close', leave);
      try {
        route.handle(req, context, (status, headers, body) => {
          leave();
          reply(status, headers, body);
        });
      } catch (error) {
        leave();
        throw error;
      }
    },
  };
}
