#!/usr/bin/env node
// Compiles apps/ and libs/ (minus tests) to dist/ with SWC, keeping the source tree layout and
// rewriting the @whdb/* path aliases to relative requires, so `node dist/apps/<app>/src/main.js`
// runs without any loader. Type checking is `npm run typecheck` (tsc), not this script.
import { readFile, readdir, mkdir, writeFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWebTerminal } from './build-web-terminal.mjs';

const require = createRequire(import.meta.url);
const swc = require('@swc/core');
const swcOptions = require('./swc-options.cjs');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { compilerOptions } = JSON.parse(await readFile(path.join(root, 'tsconfig.base.json'), 'utf8'));

// Tests and the apps' test-only helpers (apps/<app>/src/testing/) stay out of dist/.
const isSource = (file) =>
  file.endsWith('.ts') && !file.endsWith('.d.ts') && !/\.(spec|int-spec)\.ts$/.test(file) && !/[\\/]apps[\\/][^\\/]+[\\/]src[\\/]testing[\\/]/.test(file);

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') yield* walk(full);
    } else if (isSource(full)) {
      yield full;
    }
  }
}

export async function build({ quiet = false } = {}) {
  const started = Date.now();
  const outDir = path.join(root, 'dist');
  await rm(outDir, { recursive: true, force: true });
  let count = 0;
  for (const top of ['libs', 'apps', 'bench']) {
    for await (const file of walk(path.join(root, top))) {
      const { code, map } = await swc.transformFile(file, {
        ...swcOptions,
        jsc: { ...swcOptions.jsc, baseUrl: root, paths: compilerOptions.paths },
        sourceMaps: true,
        swcrc: false,
        configFile: false,
      });
      const target = path.join(outDir, path.relative(root, file)).replace(/\.ts$/, '.js');
      await mkdir(path.dirname(target), { recursive: true });
      // A file with a shebang is a binary (the `whdb` CLI, package.json "bin"): make it executable.
      await writeFile(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`, { mode: code.startsWith('#!') ? 0o755 : 0o644 });
      if (map) await writeFile(`${target}.map`, map);
      count += 1;
    }
  }
  // The browser code, from its compiled modules: one script the api serves (docs/setup-terminal.md).
  await bundleWebTerminal(root, { quiet });
  if (!quiet) console.log(`[build] compiled ${count} files to dist/ in ${Date.now() - started} ms`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  build().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
