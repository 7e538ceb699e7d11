#!/usr/bin/env node
// Local infrastructure for humans:
//   node tools/infra/cli.mjs start|stop|status [--profile dev|test] [--json]
// (npm run infra:start / npm run infra:stop). The default profile is `dev` (Kafka 127.0.0.1:9092, db whdb);
// `test` is what Jest integration tests use (127.0.0.1:19092, db whdb_test).
// Kafka only, one named instance, JSON on stdout (used by restartable.cjs for "Kafka down" tests):
//   node tools/infra/cli.mjs kafka-start|kafka-stop|kafka-status --name outage --port 19192
//        [--controller-port 19193] [--heap-mb 512] [--signal SIGTERM|SIGKILL]
import { parseArgs } from 'node:util';
import { cacheDir } from './cache-dir.mjs';
import { ensureInfra } from './ensure.mjs';
import { kafkaStatus, startKafka, stopKafka } from './kafka-local.mjs';
import { parsePostgresUrl } from './postgres-local.mjs';
import { canConnect } from './process-util.mjs';
import { profileNamed } from './profiles.mjs';

const USAGE = [
  'usage: node tools/infra/cli.mjs start|stop|status [--profile dev|test] [--json]',
  '       node tools/infra/cli.mjs kafka-start|kafka-stop|kafka-status --name <name> --port <port>',
  '            [--controller-port <port>] [--heap-mb <mb>] [--signal SIGTERM|SIGKILL]',
].join('\n');
const COMMANDS = ['start', 'stop', 'status', 'kafka-start', 'kafka-stop', 'kafka-status'];

async function start(profile) {
  // Humans asked for the profile's infrastructure: KAFKA_BROKERS / DATABASE_URL in the shell do not apply.
  const infra = await ensureInfra({ profile, fromEnvironment: false });
  console.log(`KAFKA_BROKERS=${infra.kafkaBrokers}`);
  console.log(`DATABASE_URL=${infra.databaseUrl}`);
  if (infra.mode.kafka === 'containers' || infra.mode.postgres === 'containers') {
    console.log('Containers live as long as this process: press Ctrl-C to stop them.');
    await new Promise((resolve) => process.once('SIGINT', resolve));
    await infra.stop();
  }
}

async function stop(profile) {
  await stopKafka({ name: profileNamed(profile).kafka.name });
  console.log('Postgres is left running (it is the system cluster).');
}

async function status(profile, json) {
  const { kafka, databaseUrl } = profileNamed(profile);
  const broker = await kafkaStatus({ name: kafka.name });
  const { host, port } = parsePostgresUrl(databaseUrl);
  const postgres = { databaseUrl, answering: await canConnect(host, port, 1000) };
  if (json) {
    console.log(JSON.stringify({ profile, cacheDir: cacheDir(), kafka: broker, postgres }, null, 2));
    return;
  }
  const state = broker.running ? (broker.answering ? 'running' : 'running, NOT answering') : 'stopped';
  console.log(`profile    ${profile} (cache ${cacheDir()})`);
  console.log(`kafka      ${kafka.name}: ${state}${broker.pid ? `, pid ${broker.pid}` : ''}, 127.0.0.1:${broker.port ?? kafka.port}${broker.clusterId ? `, cluster id ${broker.clusterId}` : ''}`);
  console.log(`           state ${broker.dir}, log ${broker.logFile}`);
  console.log(`postgres   ${databaseUrl}: ${postgres.answering ? 'answering' : 'NOT answering'}`);
}

/** kafka-* commands: one instance named on the command line; the result as JSON on stdout. */
async function kafkaCommand(command, values) {
  const port = Number(values.port);
  if (!values.name) throw new Error(`${command} needs --name`);
  if (command === 'kafka-start' && !Number.isInteger(port)) throw new Error('kafka-start needs --port');
  const options = {
    name: values.name,
    port,
    controllerPort: values['controller-port'] ? Number(values['controller-port']) : port + 1,
    heapMb: values['heap-mb'] ? Number(values['heap-mb']) : 512,
  };
  if (!['SIGTERM', 'SIGKILL'].includes(values.signal)) throw new Error('--signal must be SIGTERM or SIGKILL');
  const run = { 'kafka-start': () => startKafka(options), 'kafka-stop': () => stopKafka({ name: options.name, signal: values.signal }), 'kafka-status': () => kafkaStatus({ name: options.name }) };
  console.log(JSON.stringify(await run[command]()));
}

function parseCommandLine() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        profile: { type: 'string', default: 'dev' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
        name: { type: 'string' },
        port: { type: 'string' },
        'controller-port': { type: 'string' },
        'heap-mb': { type: 'string' },
        signal: { type: 'string', default: 'SIGTERM' },
      },
    });
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
}

const { values, positionals } = parseCommandLine();
const [command] = positionals;
try {
  if (values.help || positionals.length !== 1 || !COMMANDS.includes(command)) {
    console.error(USAGE);
    process.exitCode = values.help ? 0 : 2;
  } else if (command.startsWith('kafka-')) {
    await kafkaCommand(command, values);
  } else {
    profileNamed(values.profile);
    if (command === 'start') await start(values.profile);
    if (command === 'stop') await stop(values.profile);
    if (command === 'status') await status(values.profile, values.json);
  }
} catch (error) {
  console.error(`infra ${command}: ${error.message}`);
  process.exitCode = 1;
}
