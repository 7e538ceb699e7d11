/**
 * The text and attachment names of an SMS imported into Front (SPEC 15.6;
 * docs/behaviour/outbound-sender.md#front-import-body): pure rules, the I/O (the parent row, the
 * SignalWire media list and downloads) is the sender's.
 */
export const NO_BODY = '<no body>';

const isBlank = (text: string | null | undefined): boolean => text === null || text === undefined || text.trim() === '';

/** What the sender found about the SMS's media. */
export type SmsMediaFacts =
  /** No row with `signalwire_id = sid` in the parent table. */
  | { readonly kind: 'no_row'; readonly sid: string }
  /** The row says `num_media == 0` (or the message is a failed-send notice, which has no media). */
  | { readonly kind: 'no_media' }
  /** `num_media > 0`: the content of the first `text/plain` item, if any. */
  | { readonly kind: 'media'; readonly firstText: string | null };

export function frontImportText(body: string | null | undefined, facts: SmsMediaFacts): string {
  switch (facts.kind) {
    case 'no_row':
      return `${isBlank(body) ? NO_BODY : body}\nError: No replicated row for SMS ${facts.sid} found in database, attachments not found.`;
    case 'no_media':
      return isBlank(body) ? NO_BODY : (body as string);
    case 'media': {
      const parts = [body ?? null, facts.firstText].filter((part): part is string => part !== null);
      const joined = parts.join('\n');
      return isBlank(joined) ? NO_BODY : joined;
    }
  }
}

/** `<YYYYMMDD of delivered_at (UTC)>-attachment<n>.<subtype>`, n counting images from 1. */
export function frontAttachmentName(deliveredAtEpochSeconds: number, n: number, contentType: string): string {
  const day = new Date(deliveredAtEpochSeconds * 1000).toISOString().slice(0, 10).replace(/-/g, '');
  const subtype = (contentType.split(';')[0]!.split('/')[1] ?? 'bin').trim().toLowerCase() || 'bin';
  return `${day}-attachment${n}.${subtype}`;
}

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  tiff: 'image/tiff',
  heic: 'image/heic',
  svg: 'image/svg+xml',
};

/** A part's MIME type, inferred from its file name's extension; unknown extensions give `application/octet-stream`. */
export function mimeTypeOfFileName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const extension = dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
  return MIME_BY_EXTENSION[extension] ?? 'application/octet-stream';
}

/** Which media-list items matter: the first `text/plain` (appended to the body) and every `image/*` (attached). */
export function classifySmsMedia<T extends { readonly content_type: string }>(items: readonly T[]): { readonly text: T | null; readonly images: readonly T[] } {
  const type = (item: T) => item.content_type.split(';')[0]!.trim().toLowerCase();
  return { text: items.find((item) => type(item) === 'text/plain') ?? null, images: items.filter((item) => type(item).startsWith('image/')) };
}
