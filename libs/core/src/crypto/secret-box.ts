import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { EncryptionKeyring, KEY_ID, KeyringEntry } from './encryption-keyring';

const LEGACY_VERSION = 'v1';
const KEYED_VERSION = 'v2';
const ALGORITHM = 'aes-256-gcm';

/**
 * Encrypts secrets at rest with AES-256-GCM (docs/behaviour/control-plane.md#secrets-at-rest).
 * Ciphertext formats (base64url parts):
 * - `v2:<key id>:<iv>:<tag>:<ciphertext>` under a keyring (`WHDB_ENCRYPTION_KEYS`): the newest key
 *   encrypts, the key id picks the key that decrypts;
 * - `v1:<iv>:<tag>:<ciphertext>`, no key id: written under the single `WHDB_ENCRYPTION_KEY`. Under a
 *   keyring it is decrypted by whichever key authenticates it (GCM rejects a wrong key), so data
 *   written before a rotation keeps reading until it is re-encrypted. Likewise a `v2:` key id this
 *   replica does not know by name (a replica still on the single key during the rollout).
 * The empty string stays empty so "not set" needs no decryption. A keyed digest (`lookupDigest`)
 * lets us find a row by a secret (the integration API key) without storing it in clear; under a
 * keyring, `lookupDigests` gives one per key so rows written under an older key are still found.
 */
export class SecretBox {
  readonly keyring: EncryptionKeyring;

  /** A base64 key (the single legacy key) or a keyring. */
  constructor(keys: string | EncryptionKeyring) {
    this.keyring = typeof keys === 'string' ? EncryptionKeyring.single(keys) : keys;
  }

  static generateKey(): string {
    return randomBytes(32).toString('base64');
  }

  encrypt(plaintext: string): string {
    if (plaintext === '') return '';
    const { id, key } = this.keyring.newest;
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const head = id === '' ? [LEGACY_VERSION] : [KEYED_VERSION, id];
    return [...head, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
  }

  decrypt(stored: string): string {
    if (stored === '') return '';
    const parts = stored.split(':');
    if (parts[0] === KEYED_VERSION && parts.length === 5 && KEY_ID.test(parts[1]!)) {
      const [, id, iv, tag, ciphertext] = parts as [string, string, string, string, string];
      const entry = this.keyring.find(id);
      if (entry) return open(entry, iv, tag, ciphertext);
      // An id this replica does not know by name (during a rolling rotation, a replica on the single key
      // reads what one on the keyring wrote): any key that authenticates it is the right one.
      return openWithAny(this.keyring, iv, tag, ciphertext, `Encrypted under key "${id}", which is not in the keyring`);
    }
    if (parts[0] === LEGACY_VERSION && parts.length === 4) {
      // No key id: the legacy key, which sits last in a rotated keyring.
      return openWithAny(this.keyring, parts[1]!, parts[2]!, parts[3]!, 'Encrypted under none of the keys of the keyring');
    }
    throw new Error('Unrecognized secret format');
  }

  /** Whether `stored` is already under the newest key (nothing to re-encrypt). */
  isUnderNewestKey(stored: string): boolean {
    if (stored === '') return true;
    const { id } = this.keyring.newest;
    return id === '' ? stored.startsWith(`${LEGACY_VERSION}:`) : stored.startsWith(`${KEYED_VERSION}:${id}:`);
  }

  /** The ciphertext prefix of the newest key (`v1:` for the legacy key, `v2:<id>:` otherwise): SQL filters use it. */
  get newestPrefix(): string {
    const { id } = this.keyring.newest;
    return id === '' ? `${LEGACY_VERSION}:` : `${KEYED_VERSION}:${id}:`;
  }

  /** Deterministic keyed digest for lookups (hex), under the newest key: the one to store. */
  lookupDigest(value: string): string {
    return digest(this.keyring.newest, value);
  }

  /** The digests of `value` under every key, newest first: the ones to look a stored digest up by. */
  lookupDigests(value: string): string[] {
    return this.keyring.entries.map((entry) => digest(entry, value));
  }
}

function open(entry: KeyringEntry, iv: string, tag: string, ciphertext: string): string {
  const decipher = createDecipheriv(ALGORITHM, entry.key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

/** Tries every key, oldest first (GCM rejects a wrong key: authentication fails). */
function openWithAny(keyring: EncryptionKeyring, iv: string, tag: string, ciphertext: string, failure: string): string {
  for (const entry of [...keyring.entries].reverse()) {
    try {
      return open(entry, iv, tag, ciphertext);
    } catch {
      // not this key
    }
  }
  throw new Error(failure);
}

function digest(entry: KeyringEntry, value: string): string {
  return createHmac('sha256', entry.key).update(`lookup:${value}`, 'utf8').digest('hex');
}
