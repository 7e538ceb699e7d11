import { EncryptionKeyring, KeyringConfigError } from '@whdb/core';
import { ConfigField, invalid } from './config-field';

export interface KeyringFieldOptions {
  /**
   * A single-key variable (`WHDB_ENCRYPTION_KEY`): when it is set next to the keyring, its key must
   * be one of the keyring's, so the data it wrote stays readable.
   */
  readonly singleKeyVariable: string;
}

/**
 * `WHDB_ENCRYPTION_KEYS`: `id:base64key[,id:base64key...]`, newest first (docs/configuration.md#every-service).
 * Optional (the single key then applies). Invalid values are refused at boot with the reason, never
 * the value; boot logs show the key ids only.
 */
export function encryptionKeyring(options: KeyringFieldOptions): ConfigField<EncryptionKeyring | undefined> {
  return {
    kind: 'keyring',
    sensitive: true,
    resolve(raw, context) {
      if (raw === undefined) return { ok: true, value: undefined };
      let keyring: EncryptionKeyring;
      try {
        keyring = EncryptionKeyring.parse(raw);
      } catch (error) {
        if (error instanceof KeyringConfigError) return invalid(error.message);
        throw error;
      }
      const single = context.env[options.singleKeyVariable];
      if (single !== undefined && !keyring.contains(single)) {
        return invalid(`${options.singleKeyVariable} is set but is not one of these keys: add it (as the oldest key) or unset ${options.singleKeyVariable}`);
      }
      return { ok: true, value: keyring };
    },
    describe(value) {
      return value === undefined ? null : { keyIds: value.describe() };
    },
  };
}
