import { EncryptionKeyring, KeyringConfigError } from './encryption-keyring';
import { SecretBox } from './secret-box';

const A = SecretBox.generateKey();
const B = SecretBox.generateKey();

function parseError(spec: string): KeyringConfigError {
  try {
    EncryptionKeyring.parse(spec);
  } catch (error) {
    expect(error).toBeInstanceOf(KeyringConfigError);
    return error as KeyringConfigError;
  }
  throw new Error(`"${spec}" was accepted`);
}

describe('EncryptionKeyring', () => {
  it('parses id:base64key entries, newest first, trimming blanks around them', () => {
    const keyring = EncryptionKeyring.parse(` b:${B} , a:${A}`);
    expect(keyring.describe()).toEqual(['b', 'a']);
    expect(keyring.newest.id).toBe('b');
    expect(keyring.newest.key.equals(Buffer.from(B, 'base64'))).toBe(true);
    expect(keyring.find('a')?.key.equals(Buffer.from(A, 'base64'))).toBe(true);
    expect(keyring.contains(A)).toBe(true);
    expect(keyring.contains(SecretBox.generateKey())).toBe(false);
    expect(keyring.isLegacy).toBe(false);
  });

  it('makes the single legacy key an entry without id', () => {
    const keyring = EncryptionKeyring.single(A);
    expect(keyring.isLegacy).toBe(true);
    expect(keyring.describe()).toEqual(['legacy']);
  });

  it.each([
    ['', 'must list at least one'],
    [' , ', 'must list at least one'],
    [`${A}`, 'entry 1 must be id:base64key'],
    [`b:${B},:${A}`, 'entry 2 has an invalid id'],
    [`b c:${B}`, 'entry 1 has an invalid id'],
    [`b:${B},a:not base64!`, 'key "a" is not standard padded base64'],
    [`b:${B},a:${Buffer.alloc(16).toString('base64')}`, 'key "a" must be 32 bytes'],
    [`b:${B},b:${A}`, 'key id "b" appears twice'],
    [`b:${B},a:${B}`, 'keys "b" and "a" are the same key'],
  ])('refuses %j: %s, without quoting a key', (spec, reason) => {
    const error = parseError(spec);
    expect(error.message).toContain(reason);
    expect(error.message).not.toContain(A);
    expect(error.message).not.toContain(B);
  });
});

describe('SecretBox under a keyring', () => {
  const legacy = new SecretBox(A);
  const rotated = new SecretBox(EncryptionKeyring.parse(`b:${B},a:${A}`));
  const onlyB = new SecretBox(EncryptionKeyring.parse(`b:${B}`));

  it('encrypts with the newest key and names it in the ciphertext', () => {
    const sealed = rotated.encrypt('whsec_1');
    expect(sealed.startsWith('v2:b:')).toBe(true);
    expect(sealed).not.toContain('whsec_1');
    expect(rotated.isUnderNewestKey(sealed)).toBe(true);
    expect(onlyB.decrypt(sealed)).toBe('whsec_1');
  });

  it('decrypts with any key of the keyring, by key id', () => {
    const underA = new SecretBox(EncryptionKeyring.parse(`a:${A}`)).encrypt('from a');
    expect(underA.startsWith('v2:a:')).toBe(true);
    expect(rotated.decrypt(underA)).toBe('from a');
    expect(rotated.isUnderNewestKey(underA)).toBe(false);
    expect(() => onlyB.decrypt(underA)).toThrow('Encrypted under key "a", which is not in the keyring');
  });

  it('reads legacy v1 ciphertexts (no key id) with whichever key opens them', () => {
    const old = legacy.encrypt('written before rotation');
    expect(old.startsWith('v1:')).toBe(true);
    expect(rotated.decrypt(old)).toBe('written before rotation');
    expect(rotated.isUnderNewestKey(old)).toBe(false);
    expect(legacy.isUnderNewestKey(old)).toBe(true);
    expect(() => onlyB.decrypt(old)).toThrow('Encrypted under none of the keys of the keyring');
  });

  it('reads a key id it does not know by name when one of its keys opens it (a replica still on the single key, mid-rollout)', () => {
    const stagedA = new SecretBox(EncryptionKeyring.parse(`a:${A},b:${B}`)); // rollout step 1: A still encrypts, B staged
    const sealed = stagedA.encrypt('written by a new replica');
    expect(sealed.startsWith('v2:a:')).toBe(true);
    expect(legacy.decrypt(sealed)).toBe('written by a new replica');
    expect(stagedA.decrypt(rotated.encrypt('written after step 2'))).toBe('written after step 2');
  });

  it('keeps empty as empty and refuses unknown formats', () => {
    expect(rotated.encrypt('')).toBe('');
    expect(rotated.decrypt('')).toBe('');
    expect(rotated.isUnderNewestKey('')).toBe(true);
    expect(() => rotated.decrypt('v3:x:y:z')).toThrow('Unrecognized secret format');
  });

  it('stores digests under the newest key and looks them up under every key', () => {
    expect(rotated.lookupDigest('sk/x/y')).toBe(onlyB.lookupDigest('sk/x/y'));
    expect(rotated.lookupDigests('sk/x/y')).toEqual([onlyB.lookupDigest('sk/x/y'), legacy.lookupDigest('sk/x/y')]);
  });

  it('tells the prefix of the newest key', () => {
    expect(rotated.newestPrefix).toBe('v2:b:');
    expect(legacy.newestPrefix).toBe('v1:');
  });
});
