// Makes `npm run up` / `npm test` work on a fresh clone: installs the locked dependencies with
// `npm ci` when node_modules is missing. Uses Node built-ins only (it runs before anything else).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function ensureDependencies() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  if (fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) return;
  console.log('[setup] node_modules is missing: installing the locked dependencies (npm ci) ...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('[setup] npm ci failed; fix the error above and run the command again.');
    process.exit(result.status ?? 1);
  }
}
