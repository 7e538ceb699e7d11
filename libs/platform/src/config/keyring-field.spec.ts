import { randomBytes } from 'node:crypto';
import { ConfigError } from './config-error';
import { commonConfigSchema, encryptionKeyringOf } from './common.config';
import { describeConfig, loadConfig } from './load-config';

const A = randomBytes(32).toString('base64');
const B = randomBytes(32).toString('base64');

function issuesOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(commonConfigSchema, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('WHDB_ENCRYPTION_KEYS (docs/configuration.md#every-service)', () => {
  it('is optional: the single WHDB_ENCRYPTION_KEY is then the (legacy) keyring', () => {
    const keyring = encryptionKeyringOf(loadConfig(commonConfigSchema, { WHDB_ENCRYPTION_KEY: A }));
    expect(keyring.isLegacy).toBe(true);
    expect(keyring.contains(A)).toBe(true);
  });

  it('replaces WHDB_ENCRYPTION_KEY, which may then be unset, even in production', () => {
    const config = loadConfig(commonConfigSchema, { NODE_ENV: 'production', WHDB_ENCRYPTION_KEYS: `b:${B},a:${A}` });
    expect(config.WHDB_ENCRYPTION_KEY).toBeUndefined();
    expect(encryptionKeyringOf(config).describe()).toEqual(['b', 'a']);
  });

  it('accepts WHDB_ENCRYPTION_KEY next to it when that key is one of the keyring', () => {
    const config = loadConfig(commonConfigSchema, { WHDB_ENCRYPTION_KEY: A, WHDB_ENCRYPTION_KEYS: `b:${B},a:${A}` });
    expect(encryptionKeyringOf(config).newest.id).toBe('b');
  });

  it('refuses WHDB_ENCRYPTION_KEY next to a keyring that lacks it (its data would become unreadable)', () => {
    const error = issuesOf({ WHDB_ENCRYPTION_KEY: A, WHDB_ENCRYPTION_KEYS: `b:${B}` });
    expect(error.issues).toEqual([{ variable: 'WHDB_ENCRYPTION_KEYS', reason: expect.stringContaining('WHDB_ENCRYPTION_KEY is set but is not one of these keys') }]);
  });

  it.each([
    [`b:${B},b:${A}`, 'key id "b" appears twice'],
    [`b:${B},a:${A.slice(0, -4)}`, 'key "a" must be 32 bytes'],
    [`b:${B},a:***`, 'key "a" is not standard padded base64'],
    [B, 'entry 1 must be id:base64key'],
  ])('refuses %j at boot with a clear reason and never the keys', (spec, reason) => {
    const error = issuesOf({ WHDB_ENCRYPTION_KEYS: spec });
    expect(error.issues).toEqual([{ variable: 'WHDB_ENCRYPTION_KEYS', reason: expect.stringContaining(reason) }]);
    expect(error.message).not.toContain(A);
    expect(error.message).not.toContain(B);
    expect(error.message).not.toContain(A.slice(0, 20));
  });

  it('shows only the key ids in boot logs', () => {
    const described = describeConfig(loadConfig(commonConfigSchema, { WHDB_ENCRYPTION_KEYS: `b:${B},a:${A}` }));
    expect(described.WHDB_ENCRYPTION_KEYS).toEqual({ keyIds: ['b', 'a'] });
    expect(JSON.stringify(described)).not.toContain(B);
    expect(JSON.stringify(described)).not.toContain(A);
  });
});
