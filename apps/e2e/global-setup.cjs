// End-to-end tests run the built services (dist/) against the test Kafka and Postgres:
// bring those up (no-op when KAFKA_BROKERS and DATABASE_URL are set), then build.
const path = require('node:path');
const infraSetup = require('../../tools/infra/jest-global-setup.cjs');

module.exports = async function globalSetup() {
  await infraSetup();
  const { build } = await import(path.join(__dirname, '../../tools/build.mjs'));
  await build({ quiet: true });
};
