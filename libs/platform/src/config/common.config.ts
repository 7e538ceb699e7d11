import { base64Key, brokerList, int, oneOf, secret, url } from './config-fields';
import { EncryptionKeyring } from '@whdb/core';
import { LOG_LEVELS } from '../logging/log-level';
import { encryptionKeyring } from './keyring-field';
import { Config, defineConfig } from './load-config';
import { tracingConfigSchema } from './tracing.config';

export const NODE_ENVS = ['development', 'test', 'production'] as const;

/**
 * The variables every service reads (docs/configuration.md#every-service). Services spread it
 * into their own schema:
 * `defineConfig({ ...commonConfigSchema, INGRESS_PORT: port({ default: 18001 }) })`.
 * An encryption key is required in every environment: there is no silent development key (the
 * dev scripts generate one). Either the single WHDB_ENCRYPTION_KEY or the keyring
 * WHDB_ENCRYPTION_KEYS (rotation, docs/runbooks/rotate-a-secret.md#the-encryption-key); read both
 * through `encryptionKeyringOf(config)`.
 */
export const commonConfigSchema = defineConfig({
  NODE_ENV: oneOf(NODE_ENVS, { default: 'development' }),
  LOG_LEVEL: oneOf(LOG_LEVELS, { default: 'info' }),
  DATABASE_URL: url({ default: 'postgres://postgres@127.0.0.1:5432/whdb', protocols: ['postgres', 'postgresql'] }),
  KAFKA_BROKERS: brokerList({ default: '127.0.0.1:9092' }),
  WHDB_PUBLIC_URL: url({ default: 'http://127.0.0.1:18001' }),
  WHDB_ENCRYPTION_KEY: secret({
    validate: base64Key(32),
    optional: true,
    requiredUnlessSet: 'WHDB_ENCRYPTION_KEYS',
    hint: 'base64 of 32 random bytes, e.g. `openssl rand -base64 32`',
  }),
  WHDB_ENCRYPTION_KEYS: encryptionKeyring({ singleKeyVariable: 'WHDB_ENCRYPTION_KEY' }),
  WHDB_RETRY_BACKOFF_MAX_SECONDS: int({ default: 300, min: 1 }),
  ...tracingConfigSchema,
});

export type CommonConfig = Config<typeof commonConfigSchema>;

/** The keys that encrypt secrets at rest: the keyring if set, else the single key. */
export function encryptionKeyringOf(config: Pick<CommonConfig, 'WHDB_ENCRYPTION_KEY' | 'WHDB_ENCRYPTION_KEYS'>): EncryptionKeyring {
  if (config.WHDB_ENCRYPTION_KEYS) return config.WHDB_ENCRYPTION_KEYS;
  if (config.WHDB_ENCRYPTION_KEY === undefined) throw new Error('WHDB_ENCRYPTION_KEY or WHDB_ENCRYPTION_KEYS is required');
  return EncryptionKeyring.single(config.WHDB_ENCRYPTION_KEY);
}
