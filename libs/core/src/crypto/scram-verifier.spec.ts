import { scramSha256Verifier, generateDatabasePassword } from './scram-verifier';

describe('scramSha256Verifier', () => {
  it('matches the RFC 7677 test vector', () => {
    // RFC 7677 section 3: user "user", password "pencil", salt W22ZaJ0SNY7soEsUEjb6gQ==, 4096 iterations.
    const verifier = scramSha256Verifier('pencil', Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'), 4096);
    expect(verifier).toBe('SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=');
  });

  it('salts every verifier differently and never contains the password', () => {
    const password = generateDatabasePassword();
    const [a, b] = [scramSha256Verifier(password), scramSha256Verifier(password)];
    expect(a).not.toBe(b);
    expect(a).not.toContain(password);
  });

  it('refuses passwords that are not printable ASCII', () => {
    expect(() => scramSha256Verifier('pass word')).toThrow('printable ASCII');
    expect(() => scramSha256Verifier('')).toThrow();
  });
});

describe('generateDatabasePassword', () => {
  it('makes long URL-safe passwords', () => {
    const password = generateDatabasePassword();
    expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateDatabasePassword()).not.toBe(password);
  });
});
