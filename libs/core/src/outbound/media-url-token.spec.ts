import { randomBytes, randomUUID } from 'node:crypto';
import { EncryptionKeyring } from '../crypto/encryption-keyring';
import { MediaUrlSigner, mediaUrl } from './media-url-token';

describe('MediaUrlSigner (SPEC 15.7)', () => {
  const key = randomBytes(32).toString('base64');
  const signer = new MediaUrlSigner(key);
  const id = randomUUID();
  const now = new Date('2026-12-02T12:00:00Z');
  const inHalfAnHour = new Date(now.getTime() + 30 * 60_000);

  it('verifies its own unexpired token and returns the document id', () => {
    expect(signer.verify(signer.sign(id, inHalfAnHour), now)).toBe(id);
  });

  it('refuses an expired token', () => {
    const token = signer.sign(id, inHalfAnHour);
    expect(signer.verify(token, new Date(inHalfAnHour.getTime() + 1000))).toBeNull();
  });

  it('refuses a token with another id, another expiry, or from another key', () => {
    const token = signer.sign(id, inHalfAnHour);
    const [, expiry, signature] = token.split('.');
    expect(signer.verify(`${randomUUID()}.${expiry}.${signature}`, now)).toBeNull();
    expect(signer.verify(`${id}.${Number(expiry) + 3600}.${signature}`, now)).toBeNull();
    expect(new MediaUrlSigner(randomBytes(32).toString('base64')).verify(token, now)).toBeNull();
  });

  it('signs with the newest key of a keyring and verifies with every key (rotation)', () => {
    const newer = randomBytes(32).toString('base64');
    const rotated = new MediaUrlSigner(EncryptionKeyring.parse(`b:${newer},a:${key}`));
    const onlyNewer = new MediaUrlSigner(EncryptionKeyring.parse(`b:${newer}`));
    expect(rotated.verify(signer.sign(id, inHalfAnHour), now)).toBe(id);
    expect(onlyNewer.verify(rotated.sign(id, inHalfAnHour), now)).toBe(id);
    expect(onlyNewer.verify(signer.sign(id, inHalfAnHour), now)).toBeNull();
  });

  it('refuses malformed tokens', () => {
    for (const bad of ['', '..', `${id}`, `${id}.1.x`, '../../etc/passwd', `${id.toUpperCase()}.99999999999.${'a'.repeat(43)}`]) {
      expect(signer.verify(bad, now)).toBeNull();
    }
  });

  it('puts neither the key nor anything but id, expiry and signature in the URL', () => {
    const url = mediaUrl('https://whdb.example.com/', signer.sign(id, inHalfAnHour));
    expect(url).toMatch(new RegExp(`^https://whdb\\.example\\.com/v1/media/${id}\\.\\d+\\.[A-Za-z0-9_-]{43}$`));
    expect(url).not.toContain(key);
  });
});
