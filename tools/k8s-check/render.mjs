// Renders kustomizations with a real kustomize (v5+): `$WHDB_KUSTOMIZE` (a command, e.g.
// "kustomize build"), else `kustomize build`, else `kubectl kustomize` (kubectl embeds kustomize).
// No renderer of our own: the overlays use components, labels, generators and patches, and only
// kustomize itself renders them faithfully (docs/deploy.md#checks).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MIN_KUSTOMIZE_MAJOR = 5;

/** Every kustomization a user applies: each overlay, the base, the monitoring and the topic Job. */
export function kustomizationsToRender() {
  const overlays = fs
    .readdirSync(path.join(ROOT, 'k8s', 'overlays'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `k8s/overlays/${entry.name}`);
  return [...overlays, 'k8s/base', 'k8s/monitoring', 'k8s/topics'];
}

function onPath(binary) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, binary)));
}

let cached;
/** The renderer command as [file, ...args] (the directory is appended), and its kustomize version. */
export function findRenderer() {
  if (cached) return cached;
  const candidates = [];
  if (process.env.WHDB_KUSTOMIZE) candidates.push(process.env.WHDB_KUSTOMIZE.split(/\s+/).filter(Boolean));
  if (onPath('kustomize')) candidates.push(['kustomize', 'build']);
  if (onPath('kubectl')) candidates.push(['kubectl', 'kustomize']);
  for (const command of candidates) {
    const version = kustomizeVersion(command);
    if (version && version.major >= MIN_KUSTOMIZE_MAJOR) return (cached = { command, version: version.text });
  }
  throw new Error(
    `No kustomize v${MIN_KUSTOMIZE_MAJOR}+ found (tried: ${candidates.map((c) => c.join(' ')).join(', ') || 'nothing on PATH'}). ` +
      'Install kubectl (1.27+) or kustomize 5, or set WHDB_KUSTOMIZE="<command> <args>" (docs/deploy.md#checks).',
  );
}

function kustomizeVersion(command) {
  try {
    const text =
      command[0] === 'kubectl'
        ? JSON.parse(execFileSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' })).kustomizeVersion
        : execFileSync(command[0], ['version'], { encoding: 'utf8' }).trim();
    const match = /v?(\d+)\.(\d+)/.exec(String(text ?? ''));
    return match ? { major: Number(match[1]), text: String(text) } : undefined;
  } catch {
    return undefined;
  }
}

/** Renders one kustomization (a path relative to the repository) into its objects. */
export function render(kustomization) {
  const { command } = findRenderer();
  const output = execFileSync(command[0], [...command.slice(1), path.join(ROOT, kustomization)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return parseAllDocuments(output)
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`${kustomization}: ${document.errors[0].message}`);
      return document.toJS();
    })
    .filter((object) => object !== null && object !== undefined);
}

export function describe(object) {
  return `${object.kind}/${object.metadata?.name}`;
}
