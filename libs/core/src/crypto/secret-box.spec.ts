import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(SecretBox.generateKey());

  it('round-trips and never stores the plaintext', () => {
    const sealed = box.encrypt('whsec_super_secret');
    expect(sealed).not.toContain('whsec_super_secret');
    expect(sealed.startsWith('v1:')).toBe(true);
    expect(box.decrypt(sealed)).toBe('whsec_super_secret');
  });

  it('uses a fresh IV each time and keeps empty as empty', () => {
    expect(box.encrypt('x')).not.toBe(box.encrypt('x'));
    expect(box.encrypt('')).toBe('');
    expect(box.decrypt('')).toBe('');
  });

  it('detects tampering and wrong keys', () => {
    const sealed = box.encrypt('value');
    const parts = sealed.split(':');
    parts[3] = Buffer.from('other').toString('base64url');
    expect(() => box.decrypt(parts.join(':'))).toThrow();
    expect(() => new SecretBox(SecretBox.generateKey()).decrypt(sealed)).toThrow();
  });

  it('gives a stable keyed lookup digest', () => {
    expect(box.lookupDigest('sk/a/b')).toBe(box.lookupDigest('sk/a/b'));
    expect(new SecretBox(SecretBox.generateKey()).lookupDigest('sk/a/b')).not.toBe(box.lookupDigest('sk/a/b'));
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => new SecretBox(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
