// The edits that register a new replicator in files that list every replicator. Each is a pure
// text transform (old text -> new text) so the generator can check them all before writing any.
// Lists end with a `new-replicator:` marker comment; new entries go right above it, in the
// marker's indentation. The places are described in docs/adding-a-replicator.md.
import { GeneratorInputError } from './names.mjs';

/** Marker comments the generator inserts above; keep them when editing these files by hand. */
export const MARKERS = {
  registry: 'new-replicator: generated replicators are added above this line.',
  testingIndex: 'new-replicator: fakes and builders of generated replicators are exported above this line.',
  compose: 'new-replicator: generated projector services are added above this line.',
  kustomization: 'new-replicator: generated projectors are added above this line.',
};

function insertAboveMarker(text, marker, lines, file) {
  const all = text.split('\n');
  const index = all.findIndex((line) => line.includes(marker));
  if (index < 0) throw new GeneratorInputError(`${file}: the marker comment "${marker}" is missing; restore it (see docs/adding-a-replicator.md).`);
  const indent = /^\s*/.exec(all[index])[0];
  all.splice(index, 0, ...lines.map((line) => (line === '' ? '' : indent + line)));
  return all.join('\n');
}

function refuseIfPresent(text, needle, file) {
  if (text.includes(needle)) throw new GeneratorInputError(`${file} already mentions ${needle}: this replicator seems to be registered already.`);
}

/** `libs/replicators/registry/src/replicator-registry.ts`: the import and the REPLICATORS entry. */
function registry(text, names, file) {
  const exportName = `${names.camelName}Replicator`;
  const alias = `@whdb/replicator-${names.kebab_name}`;
  refuseIfPresent(text, `'${alias}'`, file);
  const withEntry = insertAboveMarker(text, MARKERS.registry, [`${exportName},`], file);
  const lines = withEntry.split('\n');
  const lastImport = lines.findLastIndex((line) => line.startsWith('import '));
  lines.splice(lastImport + 1, 0, `import { ${exportName} } from '${alias}';`);
  return lines.join('\n');
}

/** `tsconfig.base.json`: the `@whdb/replicator-<kebab>` path, after the other replicators' (jest.preset.js maps it too). */
function tsconfigPaths(text, names, file) {
  const config = JSON.parse(text);
  const paths = config.compilerOptions?.paths;
  if (!paths) throw new GeneratorInputError(`${file}: compilerOptions.paths is missing.`);
  const alias = `@whdb/replicator-${names.kebab_name}`;
  if (alias in paths) throw new GeneratorInputError(`${file} already maps ${alias}: this replicator seems to be registered already.`);
  const entries = Object.entries(paths);
  const lastReplicator = entries.findLastIndex(([key]) => key.startsWith('@whdb/replicator-'));
  entries.splice(lastReplicator + 1, 0, [alias, [`libs/replicators/${names.kebab_name}/src/index.ts`]]);
  config.compilerOptions.paths = Object.fromEntries(entries);
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** `docker/compose.yml`: a `projector-<kebab>` service built on the shared `x-whdb-projector` block. */
function compose(text, names, file) {
  refuseIfPresent(text, `WHDB_REPLICATOR: ${names.service_name}\n`, file);
  if (!text.includes('&whdb-projector')) throw new GeneratorInputError(`${file}: the shared x-whdb-projector block is missing.`);
  return insertAboveMarker(
    text,
    MARKERS.compose,
    [`projector-${names.kebab_name}:`, '  <<: *whdb-projector', '  environment:', '    <<: *whdb-env', `    WHDB_REPLICATOR: ${names.service_name}`, '    PROBE_PORT: 18003'],
    file,
  );
}

/** `k8s/base/kustomization.yaml`: the projector overlay among the base's resources. */
function k8sBase(text, names, file) {
  const line = `- ../projectors/${names.kebab_name}`;
  refuseIfPresent(text, `${line}\n`, file);
  return insertAboveMarker(text, MARKERS.kustomization, [line], file);
}

/** `k8s/components/keda-projector-autoscaling/kustomization.yaml`: the projector's ScaledObject. */
function kedaComponent(text, names, file) {
  const line = `- ../../projectors/${names.kebab_name}/keda`;
  refuseIfPresent(text, `${line}\n`, file);
  return insertAboveMarker(text, MARKERS.kustomization, [line], file);
}

/** `libs/testing/src/index.ts`: the fake provider API and the builders the replicator's tests use. */
function testingIndex(text, names, file) {
  const fake = `./fakes/fake-${names.kebab_name}.server`;
  refuseIfPresent(text, `'${fake}'`, file);
  return insertAboveMarker(text, MARKERS.testingIndex, [`export * from '${fake}';`, `export * from './builders/${names.kebab_name}.builder';`], file);
}

/** Every file that lists replicators, with what the edit adds there. */
export const REGISTRATIONS = [
  { file: 'libs/replicators/registry/src/replicator-registry.ts', what: 'REPLICATORS entry', edit: registry },
  { file: 'tsconfig.base.json', what: 'TS path alias (also used by Jest)', edit: tsconfigPaths },
  { file: 'libs/testing/src/index.ts', what: 'fake API and builder exports', edit: testingIndex },
  { file: 'docker/compose.yml', what: 'projector service', edit: compose },
  { file: 'k8s/base/kustomization.yaml', what: 'projector in the k8s base', edit: k8sBase },
  { file: 'k8s/components/keda-projector-autoscaling/kustomization.yaml', what: 'KEDA ScaledObject', edit: kedaComponent },
];
