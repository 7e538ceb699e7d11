import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { EncryptionKeyring } from '../crypto/encryption-keyring';

/**
 * Tokens of the public media URLs SignalWire fetches MMS media from (SPEC 15.7;
 * docs/behaviour/media.md#urls): `<document id>.<expiry, epoch seconds>.<signature>`, the signature
 * being base64url(HMAC-SHA256(key, "<document id>.<expiry>")). The key is derived from
 * `WHDB_ENCRYPTION_KEY` with HKDF (info `whdb/media-url/v1`), so no new secret is needed and the
 * encryption key itself never signs anything outside. The document id is a random UUID: the URL
 * carries no secret, no organization, nothing guessable. Under a keyring (`WHDB_ENCRYPTION_KEYS`)
 * the newest key signs and every key verifies, so URLs signed before a rotation stay valid until
 * they expire (docs/runbooks/rotate-a-secret.md#the-encryption-key).
 */
export class MediaUrlSigner {
  /** Derived signing keys, newest first. */
  private readonly keys: Buffer[];

  constructor(encryptionKeys: string | EncryptionKeyring) {
    const keyring = typeof encryptionKeys === 'string' ? EncryptionKeyring.single(encryptionKeys) : encryptionKeys;
    this.keys = keyring.entries.map((entry) => Buffer.from(hkdfSync('sha256', entry.key, Buffer.alloc(0), 'whdb/media-url/v1', 32)));
  }

  sign(documentId: string, expiresAt: Date): string {
    if (!DOCUMENT_ID.test(documentId)) throw new Error('A media document id is a lower-case UUID');
    const expiry = Math.floor(expiresAt.getTime() / 1000);
    return `${documentId}.${expiry}.${this.signature(documentId, expiry)}`;
  }

  /** The document id of a genuine, unexpired token; null otherwise (the signature compared in constant time). */
  verify(token: string, now: Date = new Date()): string | null {
    const match = TOKEN.exec(token);
    if (!match) return null;
    const [, documentId, expiryText, signature] = match as unknown as [string, string, string, string];
    const expiry = Number(expiryText);
    const given = Buffer.from(signature, 'utf8');
    const genuine = this.keys.some((key) => {
      const expected = Buffer.from(this.signature(documentId, expiry, key), 'utf8');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!genuine) return null;
    return expiry * 1000 > now.getTime() ? documentId : null;
  }

  private signature(documentId: string, expiry: number, key: Buffer = this.keys[0]!): string {
    return createHmac('sha256', key).update(`${documentId}.${expiry}`).digest('base64url');
  }
}

const DOCUMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/** `/v1/media/` : the ingress route serving documents (docs/behaviour/media.md). */
export const MEDIA_ROUTE_PREFIX = '/v1/media/';

/** The public URL of a token under the ingress's public base (`WHDB_PUBLIC_URL`). */
export function mediaUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${MEDIA_ROUTE_PREFIX}${token}`;
}
