#!/usr/bin/env node
// `npm run docs:schemas`: writes docs/schemas/<service_name>.rows.schema.json, the value schema of
// whdb.rows.<service_name>, for every replicator (libs/integration-docs/src/row-schema-files.ts),
// and removes files of replicators that no longer exist. `npm test` fails while a file differs
// (row-schema-files.spec.ts).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await build({ quiet: true });
const { rowSchemaFiles, ROW_SCHEMAS_DIR } = createRequire(import.meta.url)(path.join(root, 'dist/libs/integration-docs/src/index.js'));
const files = rowSchemaFiles();
const dir = path.join(root, ROW_SCHEMAS_DIR);
fs.mkdirSync(dir, { recursive: true });
const keep = new Set(files.map((file) => path.basename(file.path)));
for (const file of fs.readdirSync(dir)) {
  if (file.endsWith('.rows.schema.json') && !keep.has(file)) {
    fs.rmSync(path.join(dir, file));
    console.log(`removed ${ROW_SCHEMAS_DIR}/${file}`);
  }
}
for (const file of files) {
  const target = path.join(root, file.path);
  const before = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
  if (before === file.content) continue;
  fs.writeFileSync(target, file.content);
  console.log(`wrote ${file.path}`);
}
