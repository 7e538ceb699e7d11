import { readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { applySql, createTableSql, rowColumns, RowsSchema } from './mirror-table';
import { ProbeState, probeServer } from './probe-server';
import { mirrorRecord } from './row-change';

/**
 * Mirrors `whdb.rows.<MIRROR_SERVICE>` into a table of another Postgres database
 * (apps/mirror-example/README.md). Environment: KAFKA_BROKERS, MIRROR_DATABASE_URL,
 * MIRROR_SERVICE, MIRROR_SCHEMA_URL (or MIRROR_SCHEMA_FILE), MIRROR_TABLE, MIRROR_GROUP_ID,
 * MIRROR_PROBE_PORT, MIRROR_PROBE_HOST.
 */
function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') throw new Error(`${name} is required`);
  return value;
}

async function loadSchema(): Promise<RowsSchema> {
  const file = process.env['MIRROR_SCHEMA_FILE'];
  if (file) return JSON.parse(readFileSync(file, 'utf8')) as RowsSchema;
  const response = await fetch(env('MIRROR_SCHEMA_URL'));
  if (!response.ok) throw new Error(`the schema answered ${response.status}`);
  return (await response.json()) as RowsSchema;
}

async function main(): Promise<void> {
  const service = env('MIRROR_SERVICE');
  const table = env('MIRROR_TABLE', `${service}_mirror`);
  const columns = rowColumns(await loadSchema());
  const pool = new Pool({ connectionString: env('MIRROR_DATABASE_URL'), max: 2 });
  await pool.query(createTableSql(table, columns));
  const apply = applySql(table, columns);

  const kafka = new Kafka({ clientId: 'mirror-example', brokers: env('KAFKA_BROKERS').split(','), logLevel: logLevel.WARN });
  const consumer = kafka.consumer({ groupId: env('MIRROR_GROUP_ID', `mirror-example.${service}`) });
  const state: ProbeState = { ready: false, live: true };
  consumer.on(consumer.events.GROUP_JOIN, () => (state.ready = true));
  // kafkajs restarts the consumer after a retriable error; when it gives up, the pod is not live.
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    state.ready = false;
    if (!payload.restart) state.live = false;
  });
  await consumer.connect();
  await consumer.subscribe({ topic: `whdb.rows.${service}`, fromBeginning: true });
  await consumer.run({
    // Offsets are committed after the message is applied: at least once, and the position guard
    // in the statement makes a repeat harmless.
    eachMessage: async ({ message }) => {
      const record = mirrorRecord(message.key?.toString('utf8') ?? '', message.value);
      if (record) await pool.query(apply, [JSON.stringify(record)]);
    },
  });

  // In a pod the kubelet probes the pod's address: MIRROR_PROBE_HOST=0.0.0.0 there.
  const probe = probeServer(state).listen(Number(env('MIRROR_PROBE_PORT', '18010')), env('MIRROR_PROBE_HOST', '127.0.0.1'));

  const stop = async (): Promise<void> => {
    probe.close();
    await consumer.disconnect();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
