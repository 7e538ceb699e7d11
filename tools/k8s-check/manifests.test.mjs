// Renders every kustomization (render.mjs) and validates every object against the Kubernetes and
// CRD schemas (validate.mjs), then checks what the manifests promise: namespaces, Ingress routes,
// NetworkPolicies that allow exactly the flows of DESIGN.md, rolling-update settings
// (docs/deploy.md). Needs kustomize v5 (kubectl 1.27+); see docs/deploy.md#checks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describe, findRenderer, kustomizationsToRender, render } from './render.mjs';
import { selects, workloads } from './selectors.mjs';
import { validateObject } from './validate.mjs';

const rendered = new Map(kustomizationsToRender().map((k) => [k, render(k)]));
const NAMESPACES = { 'k8s/overlays/dev': 'whdb-dev', 'k8s/overlays/production': 'whdb', 'k8s/overlays/with-operators': 'whdb' };
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition']);
const CONSUMERS = ['projector', 'reconciler', 'outbound-sender', 'webhook-logger', 'history-writer'];

test(`renders with ${findRenderer().command.join(' ')} (kustomize ${findRenderer().version})`, () => {
  for (const overlay of Object.keys(NAMESPACES)) assert.ok(rendered.get(overlay)?.length > 10, `${overlay} renders objects`);
});

for (const [kustomization, objects] of rendered) {
  test(`${kustomization}: every object is valid against its schema`, async () => {
    const problems = [];
    for (const object of objects) for (const problem of await validateObject(object)) problems.push(`${describe(object)}: ${problem}`);
    assert.deepEqual(problems, []);
  });
}

test('the validator rejects broken objects of every schema source', async () => {
  const broken = [
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 'two', selector: {}, template: { spec: { containers: [{ image: 'i' }] } } } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'x' }, spec: { podSelector: {}, egress: [{ ports: [{ port: 53, protocol: 'UDP', endPort: 'x' }] }] } },
    { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'x' }, spec: { triggers: [] } },
    { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'x' }, spec: { groups: [{ rules: [{ alert: 'A', expr: 'up' }] }] } },
    { apiVersion: 'kafka.strimzi.io/v1beta2', kind: 'KafkaTopic', metadata: { name: 'x' }, spec: { partitions: 0 } },
    { apiVersion: 'kafka.strimzi.io/v1beta2', kind: 'KafkaNodePool', metadata: { name: 'x' }, spec: { replicas: 3, roles: ['leader'], storage: { type: 'jbod' } } },
    { apiVersion: 'kafka.strimzi.io/v1beta2', kind: 'Kafka', metadata: { name: 'x' }, spec: { kafka: { listeners: [{ name: 'plain', port: 9092, type: 'internal', tls: false }], replicaz: 3 } } },
    { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'x' }, spec: { instances: 0 } },
    { apiVersion: 'example.com/v1', kind: 'Unknown', metadata: { name: 'x' } },
  ];
  for (const object of broken) assert.notDeepEqual(await validateObject(object), [], `${object.apiVersion} ${object.kind} is rejected`);
});

for (const [overlay, namespace] of Object.entries(NAMESPACES)) {
  const objects = rendered.get(overlay);

  test(`${overlay}: every namespaced object is in ${namespace}`, () => {
    const elsewhere = objects.filter((o) => !CLUSTER_SCOPED.has(o.kind) && o.metadata.namespace !== namespace).map(describe);
    assert.deepEqual(elsewhere, []);
  });

  test(`${overlay}: the Ingresses route webhooks to the ingress and the control plane to the api`, () => {
    const services = new Map(objects.filter((o) => o.kind === 'Service').map((s) => [s.metadata.name, s]));
    const routes = objects
      .filter((o) => o.kind === 'Ingress')
      .flatMap((ingress) => ingress.spec.rules.flatMap((rule) => rule.http.paths.map((p) => ({ host: rule.host, path: p.path, backend: p.backend.service }))));
    for (const route of routes) {
      const service = services.get(route.backend.name);
      assert.ok(service, `Service ${route.backend.name} exists`);
      assert.ok(service.spec.ports.some((port) => port.name === route.backend.port.name), `${route.backend.name} has port ${route.backend.port.name}`);
    }
    const to = (path) => routes.filter((r) => r.path === path).map((r) => r.backend.name);
    assert.deepEqual(to('/v1/service_integrations'), ['ingress']);
    assert.deepEqual(to('/v1/install'), ['ingress']);
    assert.deepEqual(to('/'), ['api']);
    const publicHost = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('whdb-config')).data.WHDB_PUBLIC_URL.replace(/^https?:\/\//, '');
    assert.ok(routes.some((r) => r.host === publicHost && r.backend.name === 'ingress'), `webhooks are routed at the host of WHDB_PUBLIC_URL (${publicHost})`);
    assert.ok(!routes.some((r) => r.host === publicHost && r.backend.name === 'api'), 'the api is not on the public webhook host');
  });

  test(`${overlay}: consumers roll one pod at a time and leave their group before stopping`, () => {
    for (const deployment of objects.filter((o) => o.kind === 'Deployment')) {
      const app = deployment.spec.template.metadata.labels['app.kubernetes.io/name'];
      const pod = deployment.spec.template.spec;
      assert.equal(deployment.spec.strategy?.rollingUpdate?.maxUnavailable ?? 1, app === 'kafka-exporter' ? 1 : 0, `${describe(deployment)} maxUnavailable`);
      if (!CONSUMERS.includes(app)) continue;
      assert.equal(deployment.spec.strategy.rollingUpdate.maxSurge, 1, `${describe(deployment)} maxSurge`);
      assert.ok(deployment.spec.minReadySeconds >= 10, `${describe(deployment)} minReadySeconds`);
      assert.ok(pod.terminationGracePeriodSeconds >= 30, `${describe(deployment)} grace period covers the 25 s shutdown deadline`);
      assert.ok(pod.containers[0].readinessProbe?.httpGet?.path === '/readyz', `${describe(deployment)} readiness (joined the group)`);
    }
  });
}

for (const overlay of ['k8s/overlays/production', 'k8s/overlays/with-operators']) {
  const objects = rendered.get(overlay);
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const pods = workloads(objects).map((w) => ({ name: describe(w), labels: w.spec.template.metadata.labels, spec: w.spec.template.spec }));
  const allowing = (pod, type, port) =>
    policies.filter((np) => selects(np.spec.podSelector, pod.labels) && np.spec.policyTypes.includes(type))
      .flatMap((np) => (type === 'Egress' ? np.spec.egress : np.spec.ingress) ?? [])
      .filter((rule) => (rule.ports ?? []).some((p) => p.port === port));
  const app = (pod) => pod.labels['app.kubernetes.io/name'];

  test(`${overlay}: every pod is under the default-deny NetworkPolicy and may resolve DNS`, () => {
    const deny = policies.find((np) => np.metadata.name === 'whdb-default-deny');
    assert.deepEqual(deny.spec.policyTypes, ['Ingress', 'Egress']);
    assert.equal(deny.spec.ingress, undefined);
    assert.equal(deny.spec.egress, undefined);
    for (const pod of pods) {
      assert.ok(selects(deny.spec.podSelector, pod.labels), `${pod.name} is denied by default`);
      assert.ok(allowing(pod, 'Egress', 53).length > 0, `${pod.name} DNS`);
    }
  });

  test(`${overlay}: NetworkPolicies allow the DESIGN.md flows and no others`, () => {
    const postgresUsers = ['ingress', 'api', 'projector', 'reconciler', 'outbound-sender', 'webhook-logger', 'backfiller', 'history-writer'];
    const httpsUsers = ['api', 'outbound-sender', 'backfiller'];
    for (const pod of pods) {
      assert.ok(allowing(pod, 'Egress', 9092).length > 0, `${pod.name} reaches Kafka`);
      assert.equal(allowing(pod, 'Egress', 5432).length > 0, postgresUsers.includes(app(pod)), `${pod.name} reaches Postgres only if it uses it`);
      assert.equal(allowing(pod, 'Egress', 443).length > 0, httpsUsers.includes(app(pod)), `${pod.name} reaches HTTPS only if it calls providers`);
      const ports = pod.spec.containers.flatMap((c) => c.ports ?? []).map((p) => p.containerPort);
      for (const port of ports) {
        const fromController = allowing(pod, 'Ingress', port).filter((rule) => rule.from.some((f) => f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'ingress-nginx'));
        assert.equal(fromController.length > 0, ['ingress', 'api'].includes(app(pod)), `${pod.name}:${port} reachable from the Ingress controller only for ingress and api`);
        const fromPrometheus = allowing(pod, 'Ingress', port).filter((rule) => rule.from.some((f) => f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'monitoring'));
        assert.ok(fromPrometheus.length > 0, `${pod.name}:${port} (metrics) reachable from Prometheus`);
      }
    }
    const httpsRule = policies.find((np) => np.metadata.name === 'whdb-provider-https').spec.egress[0];
    assert.ok(httpsRule.to[0].ipBlock.except.includes('169.254.0.0/16'), 'the cloud metadata address stays closed');
  });
}

test('with-operators: Kafka and Postgres egress name the operators\u2019 pods', () => {
  const policies = rendered.get('k8s/overlays/with-operators').filter((o) => o.kind === 'NetworkPolicy');
  const kafka = policies.find((np) => np.metadata.name === 'whdb-kafka-clients').spec.egress[0].to;
  assert.deepEqual(kafka, [{ podSelector: { matchLabels: { 'strimzi.io/cluster': 'whdb-kafka', 'strimzi.io/kind': 'Kafka' } } }]);
  const postgres = policies.find((np) => np.metadata.name === 'whdb-postgres-clients').spec.egress[0].to;
  assert.deepEqual(postgres, [{ podSelector: { matchLabels: { 'cnpg.io/cluster': 'whdb-postgres' } } }]);
});

test('with-operators: services use the operators\u2019 Kafka and Postgres, analysts the read-only Service', () => {
  const objects = rendered.get('k8s/overlays/with-operators');
  const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('whdb-config')).data;
  const kafka = objects.find((o) => o.kind === 'Kafka');
  assert.equal(config.KAFKA_BROKERS, `${kafka.metadata.name}-kafka-bootstrap:${kafka.spec.kafka.listeners[0].port}`);
  const cluster = objects.find((o) => o.kind === 'Cluster');
  const analysts = cluster.spec.managed.services.additional.find((s) => s.selectorType === 'ro');
  assert.equal(new URL(config.WHDB_ANALYST_DATABASE_URL).hostname, analysts.serviceTemplate.metadata.name);
  assert.ok(cluster.spec.managed.roles.some((r) => r.name === cluster.spec.bootstrap.initdb.owner && r.createrole), 'the owner may create the per-organization roles');
  for (const deployment of objects.filter((o) => o.kind === 'Deployment' && o.metadata.name !== 'kafka-exporter')) {
    const env = deployment.spec.template.spec.containers[0].env.find((e) => e.name === 'DATABASE_URL');
    assert.deepEqual(env.valueFrom.secretKeyRef, { name: `${cluster.metadata.name}-app`, key: 'uri' }, `${describe(deployment)} DATABASE_URL`);
  }
  assert.equal(objects.filter((o) => o.kind === 'Job').length, 0, 'no topic Job: KafkaTopics provision the topics');
  assert.ok(objects.some((o) => o.kind === 'PrometheusRule'), 'monitoring included');
});
