import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

/** PostgreSQL's own default (`scram_iterations`). */
const SCRAM_ITERATIONS = 4096;

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802 / RFC 7677), in its
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` form. Handing the server this
 * instead of the password (`ALTER ROLE ... PASSWORD '<verifier>'`) keeps the clear password out of
 * its statement logs and `pg_stat_activity` (docs/behaviour/analyst-access.md#passwords).
 * Passwords must be ASCII (SASLprep leaves ASCII unchanged).
 */
export function scramSha256Verifier(password: string, salt: Buffer = randomBytes(16), iterations = SCRAM_ITERATIONS): string {
  if (!/^[\x21-\x7e]+$/.test(password)) throw new Error('SCRAM passwords must be printable ASCII');
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** A password for a generated database role: 32 random bytes, base64url (URL-safe, no quoting needed). */
export function generateDatabasePassword(): string {
  return randomBytes(32).toString('base64url');
}
