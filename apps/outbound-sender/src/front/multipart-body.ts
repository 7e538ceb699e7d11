import { randomBytes } from 'node:crypto';

export interface MultipartFile {
  readonly name: string;
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

const quote = (value: string): string => value.replace(/["\r\n\\]/g, (c) => (c === '"' ? '%22' : c === '\\' ? '\\\\' : ' '));

/**
 * `multipart/form-data` (RFC 7578) with text values kept byte for byte: `FormData` would turn a
 * body's `\n` into `\r\n`, and a Front import must carry the SMS text as it is (SPEC 15.6).
 */
export function encodeMultipart(fields: readonly (readonly [string, string])[], files: readonly MultipartFile[]): { readonly contentType: string; readonly body: Uint8Array } {
  const boundary = `----whdb${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of fields) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n`, 'utf8'), Buffer.from(value, 'utf8'), Buffer.from('\r\n'));
  }
  for (const file of files) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.name)}"; filename="${quote(file.filename)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`, 'utf8'),
      Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: new Uint8Array(Buffer.concat(parts)) };
}
