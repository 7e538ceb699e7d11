#!/usr/bin/env node
// `npm run docs:integrations`: writes docs/integrations/<service_name>.md for every replicator from
// its descriptor, columns and setup machines (libs/integration-docs), and removes pages of
// replicators that no longer exist. `npm test` fails while a page differs (integration-pages.spec.ts).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await build({ quiet: true });
const { integrationPages, INTEGRATION_DOCS_DIR } = createRequire(import.meta.url)(path.join(root, 'dist/libs/integration-docs/src/index.js'));
const pages = await integrationPages();
const dir = path.join(root, INTEGRATION_DOCS_DIR);
fs.mkdirSync(dir, { recursive: true });
const keep = new Set(pages.map((page) => path.basename(page.path)));
for (const file of fs.readdirSync(dir)) {
  if (file.endsWith('.md') && file !== 'README.md' && !keep.has(file)) {
    fs.rmSync(path.join(dir, file));
    console.log(`removed ${INTEGRATION_DOCS_DIR}/${file}`);
  }
}
for (const page of pages) {
  const target = path.join(root, page.path);
  const before = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
  if (before === page.content) continue;
  fs.writeFileSync(target, page.content);
  console.log(`wrote ${page.path}`);
}
