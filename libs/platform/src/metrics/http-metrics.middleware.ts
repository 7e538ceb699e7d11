import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Histogram } from 'prom-client';
import { Metrics } from './metrics.service';

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Label for requests no route matched (404s, requests rejected by body parsers before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Records `whdb_http_request_duration_seconds{method, route, status}`. `route` is the route
 * template (`/v1/service_integrations/:opaque_id`), never the raw path, so opaque ids do not
 * explode cardinality. Requests the client abandoned get status `aborted`.
 */
export function httpMetricsMiddleware(metrics: Metrics): RequestHandler {
  const histogram = httpRequestDurations(metrics);
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = res.writableFinished ? String(res.statusCode) : 'aborted';
      histogram.observe({ method: methodLabel(req.method), route: routeTemplate(req), status }, seconds);
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}

/** `whdb_http_request_duration_seconds{method, route, status}`, shared by Express and raw routes. */
export function httpRequestDurations(metrics: Metrics): Histogram<'method' | 'route' | 'status'> {
  return metrics.histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
}

export function methodLabel(method: string): string {
  const upper = method.toUpperCase();
  return KNOWN_METHODS.has(upper) ? upper : 'OTHER';
}

/** The matched route's template; Express keeps `req.route` set once a route handled the request. */
export function routeTemplate(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  return route && typeof route.path === 'string' ? `${req.baseUrl ?? ''}${route.path}` : UNMATCHED_ROUTE;
}
