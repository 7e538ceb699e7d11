#!/usr/bin/env node
// End-to-end check of the local Kafka launcher: start (cold), produce + consume with an idempotent
// producer (acks -1) and a consumer group, stop, start again on the same data (warm), consume again,
// stop. Prints timings. Usage: node tools/infra/smoke.mjs [--profile test|dev] [--keep-running]
// Set WHDB_CACHE_DIR to an empty directory to measure a cold start including the Maven download.
import { parseArgs } from 'node:util';
import kafkajs from 'kafkajs';
import { restartable } from './kafka-local.mjs';
import { profileNamed } from './profiles.mjs';
import { say } from './process-util.mjs';

const { Kafka, logLevel } = kafkajs;
const { values } = parseArgs({ options: { profile: { type: 'string', default: 'test' }, 'keep-running': { type: 'boolean', default: false } } });
const kafkaOptions = profileNamed(values.profile).kafka;
const instance = restartable(kafkaOptions);
const topic = `whdb.infra-smoke.${Date.now()}`;
const group = `whdb.infra-smoke.${Date.now()}`;

async function timed(label, fn) {
  const started = Date.now();
  const value = await fn();
  const seconds = (Date.now() - started) / 1000;
  say(`smoke: ${label}: ${seconds.toFixed(1)}s`);
  return { value, seconds };
}

function client() {
  return new Kafka({ clientId: 'whdb-infra-smoke', brokers: [instance.brokers], logLevel: logLevel.WARN });
}

async function produce(values) {
  const producer = client().producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: values.map((value, i) => ({ key: `k${i}`, value })) });
  await producer.disconnect();
}

/** Consumes with groupId until `expected` values arrived (deadline 30 s); returns them sorted. */
async function consume(groupId, expected) {
  const consumer = client().consumer({ groupId });
  const seen = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`consumer ${groupId} saw ${JSON.stringify(seen)}, expected ${expected.length} messages`)), 30_000);
    consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(message.value.toString());
        if (seen.length >= expected.length) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  try {
    await done;
  } finally {
    await consumer.disconnect();
  }
  const got = [...seen].sort();
  if (JSON.stringify(got) !== JSON.stringify([...expected].sort())) throw new Error(`consumer ${groupId} got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
  return got;
}

const cold = await timed('start #1', () => instance.start());
const admin = client().admin();
await admin.connect();
await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
await admin.disconnect();
await timed('produce 3 + consume 3 (new group)', async () => {
  await produce(['a', 'b', 'c']);
  await consume(group, ['a', 'b', 'c']);
});
await timed('stop #1', () => instance.stop());
const warm = await timed('start #2 (existing data)', () => instance.start());
if (warm.value.clusterId !== cold.value.clusterId) throw new Error(`cluster id changed: ${cold.value.clusterId} -> ${warm.value.clusterId}`);
await timed('consume 3 old messages (fresh group) after restart', () => consume(`${group}.fresh`, ['a', 'b', 'c']));
await timed('produce 1 + same group resumes from its committed offset', async () => {
  await produce(['d']);
  await consume(group, ['d']);
});
if (!values['keep-running']) await timed('stop #2', () => instance.stop());
say(`smoke: OK (cluster id ${warm.value.clusterId}, start #1 ${cold.seconds.toFixed(1)}s${cold.value.reused ? ' [reused a running broker]' : ''}, start #2 ${warm.seconds.toFixed(1)}s)`);
