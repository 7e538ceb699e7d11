import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { normalizeHeaders } from '@whdb/core';
import { currentCorrelationId, runWithCorrelationId } from '@whdb/platform';
import { NextFunction, Request, Response } from 'express';
import { IngressReplies } from './ingress-reply';
import { RejectionLog } from './rejection-log';

export interface RequestWithRawBody extends Request {
  rawBody?: Buffer;
}

export const MAX_BODY_BYTES = 'WHDB_MAX_BODY_BYTES';

/**
 * Reads the exact bytes of the body (signatures are computed over them) and refuses anything
 * larger than `WHDB_MAX_BODY_BYTES` with 413, before reading it all when the length is declared.
 * JSON parsing happens later, after verification.
 */
@Injectable()
export class RawBodyMiddleware implements NestMiddleware {
  constructor(
    @Inject(MAX_BODY_BYTES) private readonly maxBytes: number,
    @Inject(RejectionLog) private readonly rejections: RejectionLog,
  ) {}

  use(req: RequestWithRawBody, res: Response, next: NextFunction): void {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.maxBytes) {
      this.refuse(req, res);
      return;
    }
    // Stream callbacks run outside the request's async context: carry the correlation id across.
    const correlationId = currentCorrelationId();
    const proceed = (error?: unknown): void => (correlationId ? runWithCorrelationId(correlationId, () => next(error)) : next(error));
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > this.maxBytes) {
        refused = true;
        chunks.length = 0;
        this.refuse(req, res);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      req.rawBody = Buffer.concat(chunks);
      proceed();
    });
    req.on('error', (error) => {
      if (!refused) proceed(error);
    });
  }

  private refuse(req: Request, res: Response): void {
    const reply = IngressReplies.rejected(413, `body larger than ${this.maxBytes} bytes`);
    this.rejections.record(
      {
        opaqueId: /\/v1\/service_integrations\/([^/?]+)/.exec(req.originalUrl)?.[1] ?? 'unknown',
        method: req.method.toUpperCase(),
        path: req.path,
        query: {},
        headers: normalizeHeaders(req.headers),
        rawBody: Buffer.alloc(0),
        correlationId: currentCorrelationId() ?? 'none',
        receivedAt: new Date(),
      },
      null,
      reply,
    );
    // Stop reading: tell the client we are closing instead of draining a body we will not use.
    res.status(413).set({ ...reply.headers, 'whdb-rejected-reason': reply.rejectedReason!, connection: 'close' }).send(reply.body);
    req.unpipe();
    req.resume();
  }
}
