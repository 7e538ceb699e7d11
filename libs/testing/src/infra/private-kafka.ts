import path from 'node:path';
import { freePort } from '../net/free-port';
import { REPO_ROOT } from '../services/service-process';

interface RestartableKafka {
  readonly name: string;
  readonly brokers: string;
  start(): Promise<unknown>;
  stop(options?: { signal?: 'SIGTERM' | 'SIGKILL' }): Promise<unknown>;
}

/**
 * A Kafka broker of the test's own (a local KRaft JVM managed by tools/infra), so a test can stop
 * and restart it to simulate an outage without disturbing the shared test broker.
 */
export async function privateKafka(name: string): Promise<RestartableKafka> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { restartable } = require(path.join(REPO_ROOT, 'tools/infra/restartable.cjs')) as {
    restartable(options: { name: string; port: number; controllerPort: number }): RestartableKafka;
  };
  return restartable({ name, port: await freePort(), controllerPort: await freePort() });
}
