import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CORRELATION_ID_HEADER, correlationIdFrom, isSaneCorrelationId, runWithCorrelationId } from '../logging/correlation-context';

const INCOMING_HEADERS = [CORRELATION_ID_HEADER, 'x-request-id'] as const;

/**
 * Probes and scrapes log nothing worth correlating. Keeping them out of the async context matters:
 * on Node 20 the first `AsyncLocalStorage.run` turns on promise hooks for the whole process, a tax
 * on every promise of a service (the ingress) that otherwise never enters one.
 */
const UNCORRELATED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Adopts the caller's `x-correlation-id` (or `x-request-id`) when it is a sane token, otherwise
 * makes a UUID; echoes it as `x-correlation-id` and runs the rest of the request inside
 * `runWithCorrelationId`, so every log line of the request carries it.
 */
export function correlationIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = INCOMING_HEADERS.map((name) => req.headers[name]).find(isSaneCorrelationId);
  const id = correlationIdFrom(incoming);
  res.setHeader(CORRELATION_ID_HEADER, id);
  if (UNCORRELATED_PATHS.has(req.path)) next();
  else runWithCorrelationId(id, () => next());
}

/** The same, as a Nest middleware class for `MiddlewareConsumer.apply(...)`. */
@Injectable()
export class CorrelationIdMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    correlationIdMiddleware(req, res, next);
  }
}
