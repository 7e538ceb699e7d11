// Validates rendered objects against the Kubernetes and CRD schemas (docs/deploy.md#checks):
//   - Kubernetes built-in kinds: the `kubernetes-models` package's validators (the OpenAPI schemas
//     of Kubernetes itself: types, required fields, enums, formats);
//   - KEDA and Prometheus Operator: `@kubernetes-models/keda`, `@kubernetes-models/prometheus-operator`
//     (generated from those projects' CRDs);
//   - Strimzi and CloudNativePG: the subset schemas in ./crd-schemas (no npm package carries them),
//     validated with Ajv; they reject fields they do not model.
// A kind without a schema is an error: nothing is applied unchecked.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';

const here = path.dirname(fileURLToPath(import.meta.url));

/** apiVersion group -> the module whose `<version>` folder exports one model class per kind. */
const MODEL_PACKAGES = {
  'keda.sh': '@kubernetes-models/keda/keda.sh',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator/monitoring.coreos.com',
};
const VENDORED_GROUPS = new Set(['kafka.strimzi.io', 'postgresql.cnpg.io']);

const ajv = new Ajv({ allErrors: true, strict: false });
const vendored = new Map();
for (const file of fs.readdirSync(path.join(here, 'crd-schemas'))) {
  const [group, version, kind] = file.replace(/\.json$/, '').split('_');
  const schema = JSON.parse(fs.readFileSync(path.join(here, 'crd-schemas', file), 'utf8'));
  vendored.set(`${group}/${version}/${kind}`, ajv.compile(schema));
}

const modules = new Map();
async function modelModule(apiVersion) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const specifier = MODEL_PACKAGES[group]
    ? `${MODEL_PACKAGES[group]}/${version}`
    : group === ''
      ? `kubernetes-models/${version}`
      : `kubernetes-models/${group}/${version}`;
  if (!modules.has(specifier)) modules.set(specifier, import(specifier).catch(() => undefined));
  return modules.get(specifier);
}

/** Returns the list of problems of one object ([] when valid). */
export async function validateObject(object) {
  const { apiVersion, kind } = object ?? {};
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return ['no apiVersion or kind'];
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  if (VENDORED_GROUPS.has(group)) {
    const validate = vendored.get(`${apiVersion}/${kind}`);
    if (!validate) return [`no schema for ${apiVersion} ${kind} in tools/k8s-check/crd-schemas`];
    return validate(object) ? [] : validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? `: ${e.params.additionalProperty}` : ''}`);
  }
  const Model = (await modelModule(apiVersion))?.[kind];
  if (typeof Model !== 'function') return [`no schema for ${apiVersion} ${kind}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    const errors = error?.errors;
    return Array.isArray(errors) && errors.length > 0
      ? errors.map((e) => `${e.instancePath || '/'} ${e.message}`)
      : [String(error?.message ?? error)];
  }
}
