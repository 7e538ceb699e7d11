// Fallback for machines without Java/Maven (Kafka) or without a local Postgres: Testcontainers.
// Only used when `docker info` succeeds. Containers live as long as the Node process that started
// them (Testcontainers' reaper removes them afterwards); stop() removes them earlier.
import { KafkaContainer } from '@testcontainers/kafka';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { commandWorks, say } from './process-util.mjs';

// cp-kafka 8.1 ships Apache Kafka 4.1, the line the local launcher runs.
const KAFKA_IMAGE = process.env.WHDB_KAFKA_IMAGE || 'confluentinc/cp-kafka:8.1.0';
const POSTGRES_IMAGE = process.env.WHDB_POSTGRES_IMAGE || 'postgres:15-alpine';
const KAFKA_CLIENT_PORT = 9093; // the module's PLAINTEXT listener for clients outside the container

/** True when a Docker (or compatible) engine answers, not merely when the docker CLI exists. */
export function dockerAvailable() {
  return commandWorks('docker', ['info'], 20_000);
}

/** Starts a single-node KRaft Kafka container. Returns {kafkaBrokers, stop()}. */
export async function startKafkaContainer() {
  say(`kafka: starting container ${KAFKA_IMAGE} (Testcontainers)...`);
  const container = await new KafkaContainer(KAFKA_IMAGE)
    .withKraft()
    .withEnvironment({
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_NUM_PARTITIONS: '3',
      KAFKA_MESSAGE_MAX_BYTES: '4194304',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
    })
    .start();
  const kafkaBrokers = `${container.getHost()}:${container.getMappedPort(KAFKA_CLIENT_PORT)}`;
  say(`kafka: container ${container.getId().slice(0, 12)} listening at ${kafkaBrokers}`);
  return { kafkaBrokers, stop: async () => void (await container.stop()) };
}

/** Starts a Postgres container with `database` created. Returns {databaseUrl, stop()}. */
export async function startPostgresContainer({ database }) {
  say(`postgres: starting container ${POSTGRES_IMAGE} (Testcontainers)...`);
  const container = await new PostgreSqlContainer(POSTGRES_IMAGE)
    .withDatabase(database)
    .withUsername('postgres')
    .withPassword('postgres')
    .start();
  const databaseUrl = container.getConnectionUri();
  say(`postgres: container ${container.getId().slice(0, 12)} listening at ${container.getHost()}:${container.getPort()}, database '${database}'`);
  return { databaseUrl, stop: async () => void (await container.stop()) };
}
