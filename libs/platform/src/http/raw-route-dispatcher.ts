import { Logger } from '@whdb/core';
import { isTracingEnabled } from '@whdb/tracing';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { CORRELATION_ID_HEADER, correlationIdFrom, isSaneCorrelationId } from '../logging/correlation-context';
import { httpRequestDurations, methodLabel } from '../metrics/http-metrics.middleware';
import { Metrics } from '../metrics/metrics.service';
import { RawRoute, UNEXPECTED_ERROR_BODY, writeRawReply } from './raw-route';
import { startServerSpan } from './server-span';

/**
 * Puts raw routes in front of the Nest (Express) application on its HTTP server: a request whose
 * path starts with a route's prefix goes to that route, everything else (probes, metrics, other
 * controllers) to Express as before. Records the same request-duration histogram Express requests get.
 */
export function installRawRoutes(server: Server, routes: readonly RawRoute[], metrics: Metrics, logger: Logger): void {
  if (routes.length === 0) return;
  const fallbacks = server.listeners('request') as RequestListener[];
  if (fallbacks.length !== 1) throw new Error(`expected one request listener on the HTTP server, found ${fallbacks.length}`);
  const express = fallbacks[0]!;
  const durations = httpRequestDurations(metrics);
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const route = routes.find((candidate) => url.startsWith(candidate.prefix));
    if (!route) {
      express(req, res);
      return;
    }
    const started = process.hrtime.bigint();
    const headers = req.headers;
    const incoming = isSaneCorrelationId(headers[CORRELATION_ID_HEADER]) ? headers[CORRELATION_ID_HEADER] : headers['x-request-id'];
    const correlationId = correlationIdFrom(incoming);
    const method = methodLabel(req.method ?? 'GET');
    // Only while tracing is on: otherwise no span and no async context (docs/performance.md#tracing).
    const span = isTracingEnabled() ? startServerSpan(req, res, route.template, correlationId) : undefined;
    const reply = (status: number, replyHeaders: Readonly<Record<string, string>>, body: string | Uint8Array): void => {
      if (!writeRawReply(res, correlationId, status, replyHeaders, body)) return;
      span?.end(status);
      durations.observe({ method, route: route.template, status: String(status) }, Number(process.hrtime.bigint() - started) / 1e9);
    };
    try {
      const handle = () => route.handle(req, { correlationId, receivedAt: new Date() }, reply);
      if (span) span.run(handle);
      else handle();
    } catch (error) {
      logger.error('request failed', { route: route.template, correlation_id: correlationId, error });
      reply(500, { 'content-type': 'application/json' }, UNEXPECTED_ERROR_BODY);
    }
  });
}
