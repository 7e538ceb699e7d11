// Development secrets, generated once per machine and kept outside the repository (0600), so the
// encryption key that protects stored integration secrets survives restarts of `npm run up`.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir } from '../infra/cache-dir.mjs';

export function devSecrets() {
  const file = path.join(cacheDir(), 'dev-secrets.json');
  if (fs.existsSync(file)) return { ...JSON.parse(fs.readFileSync(file, 'utf8')), file };
  const secrets = { encryptionKey: randomBytes(32).toString('base64'), adminToken: `whdb_admin_${randomBytes(18).toString('hex')}` };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return { ...secrets, file };
}
