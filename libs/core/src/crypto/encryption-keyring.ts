/** One key of the keyring. `id` is empty for the single legacy key (`WHDB_ENCRYPTION_KEY`). */
export interface KeyringEntry {
  readonly id: string;
  readonly key: Buffer;
}

/** A keyring that cannot be used; the message names the problem and never contains a key. */
export class KeyringConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyringConfigError';
  }
}

/** Key ids as they appear in `WHDB_ENCRYPTION_KEYS` and in ciphertexts (`v2:<id>:...`). */
export const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The keys that encrypt secrets at rest (docs/behaviour/control-plane.md#secrets-at-rest): the
 * newest encrypts, every one decrypts. Built from `WHDB_ENCRYPTION_KEYS` (`id:base64key`
 * comma-separated, newest first) or, when that is unset, from the single legacy
 * `WHDB_ENCRYPTION_KEY` (one entry with no id: ciphertexts stay in the `v1:` format, as before
 * rotation existed). Never print the keys: `describe()` shows the ids only.
 */
export class EncryptionKeyring {
  private constructor(readonly entries: readonly KeyringEntry[]) {}

  /** The single legacy key (`WHDB_ENCRYPTION_KEY`): encrypts in the `v1:` format without key id. */
  static single(base64Key: string): EncryptionKeyring {
    const key = Buffer.from(base64Key, 'base64');
    if (key.length !== 32) throw new KeyringConfigError('The encryption key must be 32 bytes, base64-encoded');
    return new EncryptionKeyring([{ id: '', key }]);
  }

  /**
   * Parses `WHDB_ENCRYPTION_KEYS`: `id:base64key[,id:base64key...]`, newest first. Throws a
   * `KeyringConfigError` (naming the entry by position or id, never quoting a key) on an empty
   * list, a malformed entry, a bad id, bad base64, a key that is not 32 bytes, or a duplicate id or key.
   */
  static parse(spec: string): EncryptionKeyring {
    const items = spec.split(',').map((item) => item.trim());
    if (items.length === 0 || items.every((item) => item === '')) throw new KeyringConfigError('must list at least one id:base64key');
    const entries: KeyringEntry[] = [];
    items.forEach((item, index) => {
      const where = `entry ${index + 1}`;
      const colon = item.indexOf(':');
      if (colon < 0) throw new KeyringConfigError(`${where} must be id:base64key`);
      const id = item.slice(0, colon).trim();
      if (!KEY_ID.test(id)) throw new KeyringConfigError(`${where} has an invalid id (1-32 of A-Z a-z 0-9 _ -)`);
      const key = decodeKey(item.slice(colon + 1).trim(), `key "${id}"`);
      if (entries.some((entry) => entry.id === id)) throw new KeyringConfigError(`key id "${id}" appears twice`);
      const same = entries.find((entry) => entry.key.equals(key));
      if (same) throw new KeyringConfigError(`keys "${same.id}" and "${id}" are the same key`);
      entries.push({ id, key });
    });
    return new EncryptionKeyring(entries);
  }

  /** The key that encrypts. */
  get newest(): KeyringEntry {
    return this.entries[0]!;
  }

  /** Whether this is the single legacy key (ciphertexts without key id). */
  get isLegacy(): boolean {
    return this.newest.id === '';
  }

  find(id: string): KeyringEntry | undefined {
    return this.entries.find((entry) => entry.id === id);
  }

  /** Whether one of the keys is `base64Key` (used to check `WHDB_ENCRYPTION_KEY` against the keyring). */
  contains(base64Key: string): boolean {
    const key = Buffer.from(base64Key, 'base64');
    return this.entries.some((entry) => entry.key.equals(key));
  }

  /** What logs may show: the key ids, newest first (`legacy` for the single key). */
  describe(): string[] {
    return this.entries.map((entry) => entry.id || 'legacy');
  }
}

function decodeKey(base64: string, name: string): Buffer {
  if (!BASE64.test(base64) || base64.length % 4 !== 0) throw new KeyringConfigError(`${name} is not standard padded base64`);
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new KeyringConfigError(`${name} must be 32 bytes, base64-encoded`);
  return key;
}
