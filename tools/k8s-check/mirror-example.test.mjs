// The optional mirror-example component (k8s/components/mirror-example, docs/deploy.md#the-mirror-example):
// rendered into the production overlay (NetworkPolicies) and the dev overlay (none) through the
// fixtures in fixtures/, validated, and checked for what it promises: a probed consumer of the
// rows topic of a replicator that exists, the flows it needs and no change to anything else.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { describe, render, ROOT } from './render.mjs';
import { selects } from './selectors.mjs';
import { validateObject } from './validate.mjs';

const WITH_POLICIES = 'tools/k8s-check/fixtures/production-with-mirror-example';
const WITHOUT_POLICIES = 'tools/k8s-check/fixtures/dev-with-mirror-example';
const rendered = new Map([WITH_POLICIES, WITHOUT_POLICIES, 'k8s/overlays/production', 'k8s/overlays/dev'].map((k) => [k, render(k)]));
const key = (object) => `${object.kind}/${object.metadata.name}`;
const byKey = (objects) => new Map(objects.map((o) => [key(o), o]));
const mirrorOf = (objects) => objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'mirror-example');
const envOf = (deployment) => Object.fromEntries(deployment.spec.template.spec.containers[0].env.map((e) => [e.name, e]));

for (const fixture of [WITH_POLICIES, WITHOUT_POLICIES]) {
  test(`${fixture}: every object is valid against its schema`, async () => {
    const problems = [];
    for (const object of rendered.get(fixture)) for (const problem of await validateObject(object)) problems.push(`${describe(object)}: ${problem}`);
    assert.deepEqual(problems, []);
  });
}

test('the overlays without the component run no mirror (it is optional)', () => {
  for (const overlay of ['k8s/overlays/production', 'k8s/overlays/dev']) assert.equal(mirrorOf(rendered.get(overlay)), undefined, overlay);
});

test('the mirror consumes the rows topic of a replicator that exists, with its schema from the api Service', () => {
  const objects = rendered.get(WITH_POLICIES);
  const mirror = mirrorOf(objects);
  const env = envOf(mirror);
  const service = env.MIRROR_SERVICE.value;
  const topics = fs.readFileSync(path.join(ROOT, 'k8s/topics/topics.txt'), 'utf8');
  assert.match(topics, new RegExp(`^whdb\\.rows\\.${service}\\s`, 'm'), `whdb.rows.${service} is provisioned`);
  const schema = new URL(env.MIRROR_SCHEMA_URL.value);
  assert.equal(schema.pathname, `/v1/schemas/rows/${service}`);
  const api = objects.find((o) => o.kind === 'Service' && o.metadata.name === schema.hostname);
  assert.ok(api, `Service ${schema.hostname} exists`);
  assert.equal(Number(schema.port || 80), api.spec.ports[0].port);
  const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('whdb-config'));
  assert.deepEqual(env.KAFKA_BROKERS.valueFrom.configMapKeyRef, { name: config.metadata.name, key: 'KAFKA_BROKERS' });
  assert.equal(env.MIRROR_DATABASE_URL.valueFrom.secretKeyRef.name, 'whdb-mirror-example');
  assert.equal(mirror.metadata.namespace, 'whdb');
  assert.equal(mirror.spec.template.spec.containers[0].image, 'registry.example.com/webhookdb-kafka:0.1.0');
});

test('the mirror is probed on its probe port, listening beyond loopback, and rolls one pod at a time', () => {
  const mirror = mirrorOf(rendered.get(WITH_POLICIES));
  const container = mirror.spec.template.spec.containers[0];
  const env = envOf(mirror);
  const port = container.ports.find((p) => p.containerPort === Number(env.MIRROR_PROBE_PORT.value));
  assert.ok(port, 'MIRROR_PROBE_PORT is the container port');
  assert.notEqual(port.name, 'probes', 'not scraped by the PodMonitor: the example serves no /metrics');
  assert.equal(env.MIRROR_PROBE_HOST.value, '0.0.0.0', 'the kubelet probes the pod address');
  assert.deepEqual([container.startupProbe, container.livenessProbe, container.readinessProbe].map((p) => [p.httpGet.path, p.httpGet.port]), [['/healthz', port.name], ['/healthz', port.name], ['/readyz', port.name]]);
  assert.deepEqual(mirror.spec.strategy.rollingUpdate, { maxSurge: 1, maxUnavailable: 0 });
  assert.ok(mirror.spec.minReadySeconds >= 10);
  assert.ok(rendered.get(WITH_POLICIES).some((o) => o.kind === 'PodDisruptionBudget' && selects(o.spec.selector, mirror.spec.template.metadata.labels)), 'a PDB covers it');
});

test('under the NetworkPolicies the mirror reaches DNS, Kafka, its Postgres and the api schema endpoint, and nothing reaches its port', () => {
  const objects = rendered.get(WITH_POLICIES);
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const labelsOf = (name) => objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name).spec.template.metadata.labels;
  const mirror = labelsOf('mirror-example');
  const api = labelsOf('api');
  const rules = (labels, type) => policies.filter((np) => selects(np.spec.podSelector, labels) && np.spec.policyTypes.includes(type)).flatMap((np) => (type === 'Egress' ? np.spec.egress : np.spec.ingress) ?? []);
  const onPort = (list, port) => list.filter((rule) => (rule.ports ?? []).some((p) => p.port === port));
  assert.ok(selects(policies.find((np) => np.metadata.name === 'whdb-default-deny').spec.podSelector, mirror), 'under the default deny');
  for (const port of [53, 9092, 5432]) assert.ok(onPort(rules(mirror, 'Egress'), port).length > 0, `egress ${port}`);
  assert.ok(onPort(rules(mirror, 'Egress'), 18002).some((rule) => rule.to.some((to) => selects(to.podSelector, api))), 'egress to the api pods');
  assert.ok(onPort(rules(api, 'Ingress'), 18002).some((rule) => rule.from.some((from) => selects(from.podSelector, mirror))), 'the api pods admit it');
  assert.equal(onPort(rules(mirror, 'Egress'), 443).length, 0, 'no HTTPS to the internet');
  const probePort = Number(envOf(mirrorOf(objects)).MIRROR_PROBE_PORT.value);
  const toProbePort = rules(mirror, 'Ingress').filter((rule) => !rule.ports || rule.ports.some((p) => p.port === probePort));
  assert.deepEqual(toProbePort, [], 'nothing reaches its probe port (the kubelet is always allowed)');
});

test('adding the component changes no other object (but the api ingress rule under NetworkPolicies)', () => {
  for (const [overlay, fixture] of [['k8s/overlays/production', WITH_POLICIES], ['k8s/overlays/dev', WITHOUT_POLICIES]]) {
    const before = byKey(rendered.get(overlay));
    const after = byKey(rendered.get(fixture));
    const added = [...after.keys()].filter((k) => !before.has(k)).sort();
    assert.deepEqual(added, ['Deployment/mirror-example', 'NetworkPolicy/whdb-mirror-example', 'PodDisruptionBudget/mirror-example'], `${fixture} adds`);
    const changed = [...before.keys()].filter((k) => JSON.stringify(before.get(k)) !== JSON.stringify(after.get(k)));
    assert.deepEqual(changed, overlay === 'k8s/overlays/production' ? ['NetworkPolicy/whdb-from-ingress-controller'] : [], `${fixture} changes`);
  }
});
