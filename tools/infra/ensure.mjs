// One call that gives a caller a Kafka and a Postgres to talk to:
//   1. KAFKA_BROKERS and DATABASE_URL both set -> used as they are (CI services, docker compose, ...);
//   2. otherwise the profile's local processes: Kafka as a JVM (java + Maven or a cached classpath),
//      Postgres from the local cluster;
//   3. otherwise Testcontainers when a Docker engine answers;
//   4. otherwise an error naming what to install.
import fs from 'node:fs';
import path from 'node:path';
import { kafkaDistDir } from './kafka-classpath.mjs';
import { javaCommand, startKafka, stopKafka } from './kafka-local.mjs';
import { ensurePostgres, parsePostgresUrl } from './postgres-local.mjs';
import { ensureAnalystPasswordAuth } from './postgres-analyst-auth.mjs';
import { canConnect, commandOnPath, commandWorks, say } from './process-util.mjs';
import { profileNamed } from './profiles.mjs';

function localKafkaPossible() {
  if (!commandWorks(javaCommand(), ['-version'])) return false;
  const classpathCached = fs.existsSync(path.join(kafkaDistDir(), 'classpath.txt'));
  return classpathCached || commandWorks(process.env.WHDB_MVN || 'mvn', ['-v']);
}

async function localPostgresPossible(url) {
  const { host, port } = parsePostgresUrl(url);
  return (await canConnect(host, port, 2000)) || commandOnPath('pg_ctlcluster');
}

let containersModule;
async function containers() {
  // Imported lazily: Testcontainers is only needed (and only loaded) on Docker-only machines.
  containersModule ??= await import('./containers.mjs');
  return containersModule;
}

async function dockerOrExplain(forced) {
  if (forced === 'local') return false;
  const available = (await containers()).dockerAvailable();
  if (!available && forced === 'containers') throw new Error('WHDB_INFRA=containers, but no Docker engine answers (`docker info` failed)');
  return available;
}

async function ensureKafka(kafkaOptions, forced) {
  if (forced !== 'containers' && localKafkaPossible()) {
    const kafka = await startKafka(kafkaOptions);
    return { kafkaBrokers: kafka.brokers, kafkaPid: kafka.pid, mode: 'local', stop: () => stopKafka({ name: kafkaOptions.name }) };
  }
  if (await dockerOrExplain(forced)) {
    return { ...(await (await containers()).startKafkaContainer()), mode: 'containers' };
  }
  throw new Error(
    'no way to run Kafka here: install Java 17+ and Maven 3.8+ (the broker is fetched from Maven Central and run as a local JVM), ' +
      'or a Docker engine (Testcontainers), or point KAFKA_BROKERS and DATABASE_URL at running services',
  );
}

async function ensureDatabase(databaseUrl, forced) {
  if (forced !== 'containers' && (await localPostgresPossible(databaseUrl))) {
    await ensurePostgres({ url: databaseUrl });
    return { databaseUrl, mode: 'local', stop: async () => {} }; // the system's Postgres is never stopped by us
  }
  if (await dockerOrExplain(forced)) {
    const { database } = parsePostgresUrl(databaseUrl);
    return { ...(await (await containers()).startPostgresContainer({ database })), mode: 'containers' };
  }
  throw new Error(
    `no way to run Postgres here: nothing answers for ${databaseUrl} and there is no local cluster (pg_ctlcluster) to start; ` +
      'install PostgreSQL 15+, or a Docker engine (Testcontainers), or set DATABASE_URL and KAFKA_BROKERS',
  );
}

/**
 * Ensures Kafka and Postgres for `profile` ('dev' | 'test' | 'bench', tools/infra/profiles.mjs).
 * Returns {kafkaBrokers, kafkaPid (local broker only), databaseUrl, mode: {kafka, postgres} ('environment' | 'local' | 'containers'), stop()}.
 * stop() stops what this call started (the local broker, or containers); the system Postgres stays up.
 * WHDB_INFRA=local|containers forces one way. fromEnvironment: false ignores KAFKA_BROKERS/DATABASE_URL.
 */
export async function ensureInfra({ profile = 'test', fromEnvironment = true } = {}) {
  const { WHDB_INFRA } = process.env;
  const { KAFKA_BROKERS, DATABASE_URL } = fromEnvironment ? process.env : {};
  if (KAFKA_BROKERS && DATABASE_URL) {
    say(`using KAFKA_BROKERS=${KAFKA_BROKERS} and DATABASE_URL=${redact(DATABASE_URL)} from the environment`);
    await databaseFromEnvironment(DATABASE_URL);
    const mode = { kafka: 'environment', postgres: 'environment' };
    return { kafkaBrokers: KAFKA_BROKERS, databaseUrl: DATABASE_URL, mode, stop: async () => {} };
  }
  if (WHDB_INFRA && !['local', 'containers'].includes(WHDB_INFRA)) throw new Error(`WHDB_INFRA must be 'local' or 'containers', not '${WHDB_INFRA}'`);
  const { kafka: kafkaOptions, databaseUrl: profileDatabaseUrl } = profileNamed(profile);
  // One of the two set: it is used, and the profile provides the other (every variable given to
  // `npm run up` reaches the services; only what is unset gets a default).
  if (KAFKA_BROKERS) say(`using KAFKA_BROKERS=${KAFKA_BROKERS} from the environment; profile '${profile}' provides Postgres (${redact(profileDatabaseUrl)})`);
  else if (DATABASE_URL) say(`using DATABASE_URL=${redact(DATABASE_URL)} from the environment; profile '${profile}' provides Kafka (instance '${kafkaOptions.name}', 127.0.0.1:${kafkaOptions.port})`);
  else say(`profile '${profile}': ensuring Kafka (instance '${kafkaOptions.name}', 127.0.0.1:${kafkaOptions.port}) and Postgres (${redact(profileDatabaseUrl)})`);
  const database = DATABASE_URL ? await databaseFromEnvironment(DATABASE_URL) : await ensureDatabase(profileDatabaseUrl, WHDB_INFRA);
  const kafka = KAFKA_BROKERS ? { kafkaBrokers: KAFKA_BROKERS, kafkaPid: undefined, mode: 'environment', stop: async () => {} } : await ensureKafka(kafkaOptions, WHDB_INFRA);
  say(`ready: KAFKA_BROKERS=${kafka.kafkaBrokers} DATABASE_URL=${redact(database.databaseUrl)}`);
  return {
    kafkaBrokers: kafka.kafkaBrokers,
    kafkaPid: kafka.kafkaPid,
    databaseUrl: database.databaseUrl,
    mode: { kafka: kafka.mode, postgres: database.mode },
    stop: async () => {
      await kafka.stop();
      await database.stop();
    },
  };
}

/** A DATABASE_URL given by the caller: used as it is (a local cluster still gets the analysts' password rule). */
async function databaseFromEnvironment(url) {
  if (['127.0.0.1', 'localhost', '::1', '[::1]'].includes(parsePostgresUrl(url).host)) await ensureAnalystPasswordAuth({ url });
  return { databaseUrl: url, mode: 'environment', stop: async () => {} };
}

function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
