import { randomBytes } from 'node:crypto';
import { AppError, expectOk, FrontAttachmentRef, MediaUrlSigner, mediaUrl } from '@whdb/core';
import { NewTemporaryDocument } from '@whdb/persistence';
import { FrontChannelApi } from '../front/front-channel-api';

export interface MediaStagingOptions {
  /** `WHDB_PUBLIC_URL`: the ingress serves `/v1/media/<token>`. */
  readonly publicBaseUrl: string;
  /** Where Front lives: attachment URLs elsewhere never get a channel JWT. */
  readonly frontApiUrl: string;
  readonly urlTtlMs: number;
  readonly documentTtlMs: number;
}

/**
 * Front → SMS media (SPEC 15.7; docs/behaviour/media.md): each Front attachment is downloaded with
 * a fresh channel JWT, stored as a temporary document (key
 * `front_signalwire_message_channel_app_v1/<attachment id>/<8 random hex>/<filename>`, deleted
 * after the document TTL) and handed to SignalWire as an expiring, signed public URL.
 */
export class FrontAttachmentStager {
  constructor(
    private readonly documents: { insert(document: NewTemporaryDocument): Promise<string> },
    private readonly signer: MediaUrlSigner,
    private readonly options: MediaStagingOptions,
  ) {}

  async stage(front: FrontChannelApi, channelId: string, attachments: readonly FrontAttachmentRef[], now: Date = new Date()): Promise<string[]> {
    const urls: string[] = [];
    for (const attachment of attachments) {
      if (new URL(attachment.url).origin !== new URL(this.options.frontApiUrl).origin) {
        throw new AppError('invalid_input', 'A Front attachment URL is not on the Front API host; it gets no channel token', { attachment_id: attachment.id }, { retriable: false });
      }
      const response = expectOk(await front.download(channelId, attachment.url), attachment.url);
      const id = await this.documents.insert({
        key: `front_signalwire_message_channel_app_v1/${attachment.id}/${randomBytes(4).toString('hex')}/${attachment.filename}`,
        contentType: attachment.content_type || response.headers['content-type'] || 'application/octet-stream',
        bytes: response.bytes ?? Buffer.from(response.body, 'utf8'),
        deleteAt: new Date(now.getTime() + this.options.documentTtlMs),
      });
      urls.push(mediaUrl(this.options.publicBaseUrl, this.signer.sign(id, new Date(now.getTime() + this.options.urlTtlMs))));
    }
    return urls;
  }
}
