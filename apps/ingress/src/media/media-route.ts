import type { IncomingMessage } from 'node:http';
import { Logger, MEDIA_ROUTE_PREFIX, MediaUrlSigner } from '@whdb/core';
import { TemporaryDocument } from '@whdb/persistence';
import { RawReply, RawRequestContext, RawRoute } from '@whdb/platform';
import { afterDrainingBody } from '../webhooks/raw-body';

const NOT_FOUND = JSON.stringify({ message: 'Not found' });
const JSON_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };

/**
 * `GET /v1/media/<token>` (SPEC 15.7; docs/behaviour/media.md#urls): the Front attachments the
 * outbound sender staged, for SignalWire to fetch without credentials. The token is checked
 * (HMAC in constant time, expiry) before the database is read; an unknown, forged, expired or
 * deleted document is a 404, whatever the reason, and the token is never logged. Only GET and HEAD;
 * no listing (`/v1/media/` alone is a 404).
 */
export class MediaRoute implements RawRoute {
  readonly prefix = MEDIA_ROUTE_PREFIX;
  readonly template = `${MEDIA_ROUTE_PREFIX}:token`;

  constructor(
    private readonly documents: { findLive(id: string): Promise<TemporaryDocument | null> },
    private readonly signer: MediaUrlSigner,
    private readonly logger: Logger,
  ) {}

  handle(req: IncomingMessage, context: RawRequestContext, reply: RawReply): void {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '';
    const token = url.slice(MEDIA_ROUTE_PREFIX.length).split('?')[0]!;
    afterDrainingBody(req, () => {
      if (method !== 'GET' && method !== 'HEAD') {
        reply(405, { ...JSON_HEADERS, allow: 'GET, HEAD' }, JSON.stringify({ message: `method ${method.slice(0, 16)} is not allowed` }));
        return;
      }
      const documentId = this.signer.verify(token, context.receivedAt);
      if (documentId === null) {
        reply(404, JSON_HEADERS, NOT_FOUND);
        return;
      }
      this.documents.findLive(documentId).then(
        (document) => {
          if (document === null) return reply(404, JSON_HEADERS, NOT_FOUND);
          const headers = { 'content-type': document.contentType, 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff', 'content-disposition': 'inline' };
          reply(200, headers, method === 'HEAD' ? '' : document.bytes);
        },
        (error: unknown) => {
          this.logger.error('serving a media document failed', { correlation_id: context.correlationId, error });
          reply(503, { ...JSON_HEADERS, 'retry-after': '5' }, JSON.stringify({ message: 'Try again later.' }));
        },
      );
    });
  }
}
