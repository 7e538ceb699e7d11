// "Does the broker really answer?": a TCP connect first (cheap), then a Kafka Metadata round trip
// through kafkajs that must list at least one live broker.
import kafkajs from 'kafkajs';
import { canConnect, pollUntil, say } from './process-util.mjs';

const { Kafka, logLevel } = kafkajs;

function splitBroker(broker) {
  const at = broker.lastIndexOf(':');
  return { host: broker.slice(0, at), port: Number(broker.slice(at + 1)) };
}

/** True when every broker accepts TCP and a describeCluster through the first one lists a live broker. */
export async function kafkaAnswers(brokers, { timeoutMs = 5000 } = {}) {
  const list = Array.isArray(brokers) ? brokers : brokers.split(',');
  for (const broker of list) {
    const { host, port } = splitBroker(broker);
    if (!(await canConnect(host, port, Math.min(timeoutMs, 1000)))) return false;
  }
  const kafka = new Kafka({
    clientId: 'whdb-infra-probe',
    brokers: list,
    logLevel: logLevel.NOTHING,
    connectionTimeout: Math.min(timeoutMs, 3000),
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/**
 * Warms up what the first client would otherwise wait for (and log errors about): the group
 * coordinators (__consumer_offsets is created and loaded on first use) and the producer-id manager
 * behind idempotent producers. Throws if that does not succeed within kafkajs' retries (~20 s).
 */
export async function warmUpKafka(brokers) {
  const kafka = new Kafka({
    clientId: 'whdb-infra-warmup',
    brokers: Array.isArray(brokers) ? brokers : brokers.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 25, initialRetryTime: 100, maxRetryTime: 1000 },
  });
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  try {
    await admin.connect();
    // Several group ids so that most __consumer_offsets partitions (10) are asked for.
    await admin.describeGroups(Array.from({ length: 10 }, (_, i) => `whdb.infra.warmup.${i}`));
    await producer.connect();
  } finally {
    await producer.disconnect().catch(() => {});
    await admin.disconnect().catch(() => {});
  }
}

/**
 * Waits until the broker answers or the deadline passes, printing progress every few seconds.
 * giveUp() may return a reason to stop early (e.g. the JVM exited). Returns true when it answers.
 */
export async function waitForKafka(brokers, { timeoutMs = 60_000, label = brokers, giveUp = () => undefined } = {}) {
  let lastReport = 0;
  let reason;
  const ok = await pollUntil(
    async () => {
      reason = giveUp();
      return reason ? 'gave-up' : kafkaAnswers(brokers);
    },
    {
      timeoutMs,
      intervalMs: 300,
      onTick: (elapsed) => {
        if (elapsed - lastReport >= 5000) {
          lastReport = elapsed;
          say(`${label}: still waiting for the broker (${Math.round(elapsed / 1000)}s of ${timeoutMs / 1000}s)...`);
        }
      },
    },
  );
  if (ok === 'gave-up') return { ok: false, reason };
  return ok ? { ok: true } : { ok: false, reason: `no answer within ${timeoutMs / 1000}s` };
}
