// Plans and applies a new replicator: files rendered from ./template (which mirrors the repository
// layout) plus the registration edits. Everything is checked before the first write, so a refusal
// (bad name, replicator already there, a marker missing) leaves the repository untouched.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deriveNames, GeneratorInputError } from './names.mjs';
import { REGISTRATIONS } from './registrations.mjs';

const TEMPLATE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'template');
/** `__camelName__`, `__service_name__`, ...: a token is a key of `deriveNames()` between double underscores. */
const LEFTOVER_TOKEN = /__[A-Za-z]+(?:_[A-Za-z]+)*__/;

function render(text, names) {
  let out = text;
  // Longest keys first, so no token is replaced inside a longer one.
  for (const key of Object.keys(names).sort((a, b) => b.length - a.length)) out = out.split(`__${key}__`).join(names[key]);
  return out;
}

function* templateFiles(dir, relative = '') {
  for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
    const child = path.posix.join(relative, entry.name);
    if (entry.isDirectory()) yield* templateFiles(dir, child);
    else if (entry.name.endsWith('.tmpl')) yield child;
  }
}

/** The files of the new replicator: `{ path, content }` relative to the repository root. */
export function renderTemplate(names) {
  return [...templateFiles(TEMPLATE_DIR)].sort().map((templatePath) => {
    const target = render(templatePath.replace(/\.tmpl$/, ''), names);
    const content = render(readFileSync(path.join(TEMPLATE_DIR, templatePath), 'utf8'), names);
    const leftover = LEFTOVER_TOKEN.exec(content) ?? LEFTOVER_TOKEN.exec(target);
    if (leftover) throw new Error(`template ${templatePath}: unknown token ${leftover[0]}`);
    return { path: target, content };
  });
}

function descriptorNames(root) {
  const dir = path.join(root, 'libs/replicators');
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(dir, entry.name, 'src/descriptor.ts'))
    .filter((file) => existsSync(file))
    .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bname: '([a-z0-9_]+)'/g)].map((match) => match[1]));
}

/**
 * What `npm run new-replicator -- <serviceName>` would do in `root`: `{ names, files, edits }`.
 * Throws `GeneratorInputError` (nothing written) when the name is invalid or already taken.
 */
export function planReplicator(root, serviceName, options = {}) {
  const names = deriveNames(serviceName, options);
  if (descriptorNames(root).includes(serviceName)) throw new GeneratorInputError(`A replicator named ${serviceName} already exists (libs/replicators/*/src/descriptor.ts).`);
  const files = renderTemplate(names);
  const existing = files.map((file) => file.path).filter((file) => existsSync(path.join(root, file)));
  const folders = [`libs/replicators/${names.kebab_name}`, `k8s/projectors/${names.kebab_name}`].filter((dir) => existsSync(path.join(root, dir)));
  if (existing.length > 0 || folders.length > 0) {
    throw new GeneratorInputError(`Refusing to overwrite: ${[...folders, ...existing].join(', ')} already exist(s). Pick another service name or remove them first.`);
  }
  const edits = REGISTRATIONS.map(({ file, what, edit }) => {
    const fullPath = path.join(root, file);
    if (!existsSync(fullPath)) throw new GeneratorInputError(`${file} is missing: cannot register the ${what}.`);
    return { path: file, what, content: edit(readFileSync(fullPath, 'utf8'), names, file) };
  });
  return { names, files, edits };
}

/** Writes a plan made by `planReplicator` for the same `root`. */
export function applyPlan(root, plan) {
  for (const file of [...plan.files, ...plan.edits]) {
    const fullPath = path.join(root, file.path);
    mkdirSync(path.dirname(fullPath), { recursive: true });
    writeFileSync(fullPath, file.content);
  }
}
