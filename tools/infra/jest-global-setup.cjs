// Jest globalSetup for integration tests (jest.preset.js `intGlobalSetup`): makes sure a Kafka and a
// Postgres are up (profile `test`: 127.0.0.1:19092, whdb_test) and hands their addresses to the test
// workers through process.env (workers are spawned after globalSetup and inherit it).
// A no-op when KAFKA_BROKERS and DATABASE_URL are already set (e.g. by tools/test-all.mjs or CI).
// There is deliberately no teardown: the broker is reused by the next run; `npm run infra:stop` stops it.
module.exports = async function globalSetup() {
  if (process.env.KAFKA_BROKERS && process.env.DATABASE_URL) return;
  const { ensureInfra } = await import('./ensure.mjs');
  const infra = await ensureInfra({ profile: 'test' });
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.DATABASE_URL = infra.databaseUrl;
};
