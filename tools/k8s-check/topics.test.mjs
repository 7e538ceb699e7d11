// The topics are declared twice: k8s/topics/topics.txt (read by the provisioning Job) and the
// Strimzi KafkaTopics of the with-operators overlay. Both must agree, cover every projector of
// k8s/base, follow docs/topics.md, and give KEDA enough partitions to scale into.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT, render } from './render.mjs';

const lines = fs
  .readFileSync(path.join(ROOT, 'k8s/topics/topics.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !line.trim().startsWith('#'));
const fromFile = new Map(
  lines.map((line) => {
    const [name, partitions, configs] = line.trim().split(/\s+/);
    return [name, { partitions: Number(partitions), config: Object.fromEntries(configs.split(',').map((pair) => pair.split('='))) }];
  }),
);
const withOperators = render('k8s/overlays/with-operators');
const production = render('k8s/overlays/production');
const kafkaTopics = withOperators.filter((o) => o.kind === 'KafkaTopic');
const replicators = [...new Set(render('k8s/base').map((o) => o.metadata.labels?.['whdb.io/replicator']).filter(Boolean))];

test('topics.txt has one valid line per topic', () => {
  assert.equal(fromFile.size, lines.length, 'no topic twice');
  for (const [name, { partitions, config }] of fromFile) {
    assert.match(name, /^whdb\.[a-z0-9._-]+$/);
    assert.ok(Number.isInteger(partitions) && partitions >= 1, `${name} partitions`);
    // Inbound topics are compacted with a raw tail (docs/topics.md#retention-of-the-inbound-topics); the others expire by time.
    if (/^whdb\.inbound\.[a-z0-9_]+$/.test(name)) {
      assert.equal(config['cleanup.policy'], 'compact', `${name} cleanup.policy (INBOUND_TOPIC_CONFIGS)`);
      assert.equal(config['min.compaction.lag.ms'], '604800000', `${name} min.compaction.lag.ms (INBOUND_RAW_TAIL_MS)`);
    } else assert.match(config['retention.ms'] ?? '', /^\d+$/, `${name} retention.ms`);
    assert.equal(config['max.message.bytes'], '8388608', `${name} max.message.bytes (DEFAULT_TOPIC_CONFIGS)`);
    if (name.endsWith('.dlq')) assert.equal(partitions, 1, `${name}: DLQs have one partition`);
  }
});

test('every projector of k8s/base has its inbound, dead-letter and rows topics; the fixed topics exist', () => {
  assert.ok(replicators.length >= 4, `replicators found: ${replicators}`);
  for (const replicator of replicators) {
    for (const topic of [`whdb.inbound.${replicator}`, `whdb.inbound.${replicator}.dlq`, `whdb.rows.${replicator}`]) assert.ok(fromFile.has(topic), `${topic} in topics.txt`);
  }
  for (const topic of ['whdb.commands.outbound', 'whdb.backfill.requests', 'whdb.webhooks.rejected']) {
    assert.ok(fromFile.has(topic), topic);
    assert.ok(fromFile.has(`${topic}.dlq`), `${topic}.dlq`);
  }
});

test('the KafkaTopics of with-operators declare exactly topics.txt', () => {
  const declared = new Map(kafkaTopics.map((t) => [t.spec.topicName ?? t.metadata.name, t]));
  assert.deepEqual([...declared.keys()].sort(), [...fromFile.keys()].sort());
  const kafka = withOperators.find((o) => o.kind === 'Kafka');
  for (const [name, { partitions, config }] of fromFile) {
    const topic = declared.get(name);
    assert.equal(topic.metadata.labels['strimzi.io/cluster'], kafka.metadata.name, `${name} belongs to ${kafka.metadata.name}`);
    assert.equal(topic.spec.partitions, partitions, `${name} partitions`);
    assert.equal(topic.spec.replicas, 3, `${name} replicas`);
    assert.deepEqual(Object.fromEntries(Object.entries(topic.spec.config).map(([k, v]) => [k, String(v)])), config, `${name} config`);
  }
});

test('KEDA never scales a consumer beyond the partitions of its topics', () => {
  for (const scaledObject of production.filter((o) => o.kind === 'ScaledObject')) {
    const { topic, consumerGroup } = scaledObject.spec.triggers[0].metadata;
    const topics = topic ? [topic] : consumerGroup === 'whdb.reconciler' ? ['whdb.rows.signalwire_message_v1', 'whdb.rows.front_signalwire_message_channel_app_v1'] : [];
    assert.ok(topics.length > 0, `${scaledObject.metadata.name}: topics known`);
    const partitions = Math.max(...topics.map((t) => fromFile.get(t)?.partitions ?? 0));
    assert.ok(scaledObject.spec.maxReplicaCount <= partitions, `${scaledObject.metadata.name}: maxReplicaCount ${scaledObject.spec.maxReplicaCount} <= ${partitions} partitions`);
  }
});

test('the provisioning Job runs the script over topics.txt with the brokers of whdb-config', () => {
  const job = production.find((o) => o.kind === 'Job' && o.metadata.name === 'whdb-create-topics');
  const files = production.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('whdb-topics'));
  const config = production.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('whdb-config'));
  const pod = job.spec.template.spec;
  assert.equal(pod.volumes.find((v) => v.name === 'topics').configMap.name, files.metadata.name);
  assert.equal(pod.containers[0].envFrom[0].configMapRef.name, config.metadata.name);
  assert.equal(files.data['topics.txt'], fs.readFileSync(path.join(ROOT, 'k8s/topics/topics.txt'), 'utf8'));
  assert.match(files.data['create-topics.sh'], /--if-not-exists/);
});
