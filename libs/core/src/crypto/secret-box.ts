import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';

/**
 * Encrypts secrets at rest with AES-256-GCM. Ciphertext format: `v1:<iv>:<tag>:<ciphertext>`
 * (base64url parts). The empty string stays empty so "not set" needs no decryption. A keyed
 * digest (`lookupDigest`) lets us find a row by a secret (the integration API key) without
 * storing it in clear.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(base64Key: string) {
    const key = Buffer.from(base64Key, 'base64');
    if (key.length !== 32) throw new Error('The encryption key must be 32 bytes, base64-encoded');
    this.key = key;
  }

  static generateKey(): string {
    return randomBytes(32).toString('base64');
  }

  encrypt(plaintext: string): string {
    if (plaintext === '') return '';
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
  }

  decrypt(stored: string): string {
    if (stored === '') return '';
    const [version, iv, tag, ciphertext] = stored.split(':');
    if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('Unrecognized secret format');
    const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed digest for lookups (hex). */
  lookupDigest(value: string): string {
    return createHmac('sha256', this.key).update(`lookup:${value}`, 'utf8').digest('hex');
  }
}
