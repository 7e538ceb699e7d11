import { localPostgresCluster, restartLocalPostgres } from '@whdb/testing';
import { ChaosStack, LinkedService, LINKED_SERVICES } from './chaos-stack';
import { Fault } from './chaos-scenario';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The broker stopped (SIGTERM) and started again on the same data: every client reconnects. */
export function kafkaBrokerRestart(chaos: ChaosStack): Fault {
  return {
    name: 'Kafka broker restart',
    recoveryFrom: 'start',
    run: async () => {
      await chaos.kafka.stop();
      await chaos.startKafka();
    },
  };
}

/**
 * The machine's Postgres cluster restarted (`pg_ctlcluster ... restart -m fast`: every session of
 * every service is terminated). Where this machine's cluster cannot be restarted (a container, no
 * `pg_ctlcluster`), or when WHDB_CHAOS_POSTGRES_RESTART=proxy asks it (other suites share the
 * cluster), every service's link to it is reset and refused for 2 s instead, which the services
 * see the same way.
 */
export function postgresRestart(chaos: ChaosStack): Fault {
  let how = '';
  return {
    name: 'Postgres restart',
    recoveryFrom: 'start',
    run: async () => {
      const cluster = process.env['WHDB_CHAOS_POSTGRES_RESTART'] === 'proxy' ? null : await localPostgresCluster(chaos.databaseUrl);
      if (cluster) {
        const ms = await restartLocalPostgres(cluster);
        how = `pg_ctlcluster ${cluster.version} ${cluster.name} restart (${(ms / 1000).toFixed(1)} s)`;
        return;
      }
      const links = [...chaos.postgresLinks.values()];
      for (const link of links) link.cut();
      await sleep(2000);
      for (const link of links) link.restore();
      how = 'every service link reset and refused for 2 s (no local cluster to restart)';
    },
    note: async () => how,
  };
}

/** No byte moves between the services and Kafka (or Postgres) for `seconds`; connections stay open, new ones hang. */
export function partition(chaos: ChaosStack, dependency: 'Kafka' | 'Postgres', services: readonly LinkedService[], seconds = 30): Fault {
  const links = () => services.map((service) => (dependency === 'Kafka' ? chaos.kafkaLinks : chaos.postgresLinks).get(service)!);
  const names = services.length === LINKED_SERVICES.length ? 'every service but the api' : services.join(', ');
  return {
    name: `${seconds} s partition: ${names} / ${dependency}`,
    recoveryFrom: 'end',
    run: async () => {
      for (const link of links()) link.pause();
      await sleep(seconds * 1000);
      for (const link of links()) link.restore();
    },
  };
}
