import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CLI_VERSION } from './cli-version';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };

describe('the whdb binary', () => {
  it('reports the package version', () => {
    expect(CLI_VERSION).toBe(pkg.version);
  });

  it('is the package bin, built from this main.ts with a shebang', () => {
    expect(pkg.bin.whdb).toBe('dist/apps/cli/src/main.js');
    expect(existsSync(path.join(root, 'apps/cli/src/main.ts'))).toBe(true);
    expect(readFileSync(path.join(__dirname, 'main.ts'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
