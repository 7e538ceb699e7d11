// A private Kafka broker for outage tests, driven through tools/infra/kafka-local.mjs (plain ESM,
// run in a child node process because Jest's CommonJS runtime cannot import it).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const KAFKA_LOCAL = path.resolve(__dirname, '../../../../tools/infra/kafka-local.mjs');

export interface PrivateKafka {
  readonly brokers: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function runInfra(call: string): Promise<void> {
  const script = `const m = await import(${JSON.stringify(pathToFileURL(KAFKA_LOCAL).href)}); await m.${call};`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', script], { timeout: 120_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${call} failed: ${error.message}\n${stderr}`));
      else resolve();
    });
  });
}

export function privateKafka(options: { name: string; port: number; controllerPort: number }): PrivateKafka {
  const spec = JSON.stringify({ name: options.name, port: options.port, controllerPort: options.controllerPort });
  return {
    brokers: `127.0.0.1:${options.port}`,
    start: () => runInfra(`startKafka(${spec})`),
    stop: () => runInfra(`stopKafka({ name: ${JSON.stringify(options.name)} })`),
  };
}
