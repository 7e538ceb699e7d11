import { classifySmsMedia, frontAttachmentName, FrontImportCommand, frontImportText, mimeTypeOfFileName, SmsMediaFacts } from '@whdb/core';
import { FrontImportAttachment } from './front-channel-api';
import { SignalwireApi } from '../signalwire/signalwire-api';

/** Reads the SMS's row in the parent `signalwire_message_v1` table (`signalwire_id = sid`). */
export type SignalwireRowReader = (sid: string) => Promise<Record<string, unknown> | null>;

export interface ImportContent {
  readonly text: string;
  readonly attachments: readonly FrontImportAttachment[];
}

/**
 * The text and files of an SMS imported into Front (SPEC 15.6; docs/behaviour/outbound-sender.md#front-import-body):
 * the parent row decides (no row: an error note; no media: the body; media: the first `text/plain`
 * appended, each image attached as `<YYYYMMDD>-attachment<n>.<subtype>`). A failed-send notice
 * (no sid) is its body as it is.
 */
export async function collectSmsMedia(command: FrontImportCommand, readRow: SignalwireRowReader, signalwire: () => Promise<SignalwireApi>): Promise<ImportContent> {
  const sid = command.signalwire_sid;
  if (sid === null) return { text: frontImportText(command.body, { kind: 'no_media' }), attachments: [] };
  const row = await readRow(sid);
  if (row === null) return { text: frontImportText(command.body, { kind: 'no_row', sid }), attachments: [] };
  const numMedia = Number(row['num_media'] ?? 0);
  const mediaPath = (row['subresource_uris'] as Record<string, unknown> | undefined)?.['media'];
  if (!(numMedia > 0) || typeof mediaPath !== 'string') return { text: frontImportText(command.body, { kind: 'no_media' }), attachments: [] };
  const api = await signalwire();
  const { text, images } = classifySmsMedia(await api.mediaList(mediaPath));
  const firstText = text ? Buffer.from(await api.downloadMedia(text.uri)).toString('utf8') : null;
  const facts: SmsMediaFacts = { kind: 'media', firstText };
  const attachments: FrontImportAttachment[] = [];
  for (const [index, image] of images.entries()) {
    const filename = frontAttachmentName(command.delivered_at, index + 1, image.content_type);
    attachments.push({ filename, contentType: mimeTypeOfFileName(filename), bytes: await api.downloadMedia(image.uri) });
  }
  return { text: frontImportText(command.body, facts), attachments };
}
