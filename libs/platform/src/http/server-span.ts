import type { IncomingMessage, ServerResponse } from 'node:http';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';
import { context, contextFromHeaders, SpanKind, SpanStatusCode, trace, whdbTracer, WhdbAttributes } from '@whdb/tracing';

/** A request's SERVER span while tracing is on. */
export interface ServerSpan {
  /** Runs the route in the span's context; listeners the route adds to `req` (its body) run in it too. */
  run(fn: () => void): void;
  /** Ends the span with the status sent (5xx marks it failed); later calls do nothing. */
  end(status: number): void;
}

/**
 * Starts the SERVER span `<METHOD> <route template>` of a raw route (docs/operations.md#tracing),
 * a child of the caller's `traceparent` when it sends a valid one. Ends when the answer is written,
 * or as `499` when the client went away first.
 */
export function startServerSpan(req: IncomingMessage, res: ServerResponse, template: string, correlationId: string): ServerSpan {
  const method = req.method ?? 'GET';
  const parent = contextFromHeaders(req.headers);
  const span = whdbTracer().startSpan(
    `${method} ${template}`,
    {
      kind: SpanKind.SERVER,
      attributes: {
        [ATTR_HTTP_REQUEST_METHOD]: method,
        [ATTR_HTTP_ROUTE]: template,
        [WhdbAttributes.correlationId]: correlationId,
      },
    },
    parent,
  );
  const spanContext = trace.setSpan(parent, span);
  let ended = false;
  const end = (status: number): void => {
    if (ended) return;
    ended = true;
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  res.once('close', () => end(499));
  return {
    run(fn) {
      context.bind(spanContext, req);
      context.with(spanContext, fn);
    },
    end,
  };
}
