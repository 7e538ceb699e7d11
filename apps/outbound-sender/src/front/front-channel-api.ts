import { HttpClient, HttpResponse } from '@whdb/core';
import { FrontChannelApp, frontChannelToken } from './front-channel-token';
import { encodeMultipart } from './multipart-body';

/** A file to attach to a Front import. */
export interface FrontImportAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

/** The fields of a channel import (SPEC 15.5): `sender` for inbound, `to` for outbound. */
export interface FrontImportFields {
  readonly direction: 'inbound' | 'outbound';
  readonly handle: string;
  readonly body: string;
  readonly deliveredAt: number;
  readonly externalId: string;
  readonly externalConversationId: string;
}

/**
 * Front's channel API (PROVIDERS 1.3; docs/behaviour/outbound-sender.md#front-import): imports as JSON,
 * or multipart/form-data with bracket field names and `attachments[i]` parts when there are files;
 * attachment downloads; a fresh channel JWT on every call.
 */
export class FrontChannelApi {
  constructor(
    private readonly http: HttpClient,
    private readonly baseUrl: string,
    private readonly app: FrontChannelApp,
    private readonly timeoutMs: number,
  ) {}

  importUrl(channelId: string, direction: 'inbound' | 'outbound'): string {
    return `${this.baseUrl.replace(/\/+$/, '')}/channels/${encodeURIComponent(channelId)}/${direction}_messages`;
  }

  /** `POST /channels/<id>/<direction>_messages`; the raw answer (the caller classifies it). */
  async importMessage(channelId: string, fields: FrontImportFields, attachments: readonly FrontImportAttachment[]): Promise<HttpResponse> {
    const authorization = `Bearer ${await frontChannelToken(this.app, channelId)}`;
    const url = this.importUrl(channelId, fields.direction);
    if (attachments.length === 0) {
      const json = {
        ...(fields.direction === 'inbound' ? { sender: { handle: fields.handle } } : { to: [{ handle: fields.handle }] }),
        body: fields.body,
        delivered_at: fields.deliveredAt,
        metadata: { external_id: fields.externalId, external_conversation_id: fields.externalConversationId },
      };
      return this.http.request({ method: 'POST', url, headers: { authorization, 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(json), timeoutMs: this.timeoutMs });
    }
    const multipart = encodeMultipart(
      [
        [fields.direction === 'inbound' ? 'sender[handle]' : 'to[0][handle]', fields.handle],
        ['body', fields.body],
        ['delivered_at', String(fields.deliveredAt)],
        ['metadata[external_id]', fields.externalId],
        ['metadata[external_conversation_id]', fields.externalConversationId],
      ],
      attachments.map((file, i) => ({ name: `attachments[${i}]`, filename: file.filename, contentType: file.contentType, bytes: file.bytes })),
    );
    return this.http.request({ method: 'POST', url, headers: { authorization, 'content-type': multipart.contentType, accept: 'application/json' }, body: multipart.body, timeoutMs: this.timeoutMs });
  }

  /** Downloads a Front attachment `url` with a channel JWT (SPEC 15.7). */
  async download(channelId: string, url: string): Promise<HttpResponse> {
    return this.http.request({ method: 'GET', url, headers: { authorization: `Bearer ${await frontChannelToken(this.app, channelId)}`, accept: '*/*' }, timeoutMs: this.timeoutMs });
  }
}
