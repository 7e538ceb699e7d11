#!/usr/bin/env node
// `npm run up`: the whole system on this machine, kept running until Ctrl-C.
//   Kafka (local KRaft broker, 127.0.0.1:9092) + Postgres (database whdb), a fresh build, then the
//   api (migrates the schema), the ingress, one projector per replicator, the webhook logger and
//   the outbound sender, the channel's reconciler, the backfiller and the history writer, each its own process.
//   Every variable set in the environment reaches every service (SIGNALWIRE_URL_TEMPLATE,
//   FRONT_API_URL, ...); generated values (keys, admin token, infra URLs) apply only when unset.
//   Then, unless --no-demo, one webhook end to end to show it works; with --demo channel instead, the
//   two-way Front <-> SignalWire channel against local fakes of Front and SignalWire (tools/up/channel-demo.mjs).
// Logs: ~/.cache/webhookdb-kafka/logs/<service>.log (warnings and errors are echoed here).
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from '../build.mjs';
import { cacheDir } from '../infra/cache-dir.mjs';
import { ensureInfra } from '../infra/ensure.mjs';
import { devSecrets } from './dev-secrets.mjs';
import { runChannelDemoSteps, startChannelDemoFakes } from './channel-demo.mjs';
import { runDemo } from './demo.mjs';
import { startService, waitUntilReady } from './service-runner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const demo = !process.argv.includes('--no-demo');
const demoIndex = process.argv.indexOf('--demo');
const demoName = demoIndex >= 0 ? process.argv[demoIndex + 1] : 'increase';
if (!['increase', 'channel'].includes(demoName)) {
  console.error(`unknown --demo ${demoName ?? ''}: use --demo channel (or no flag for the Increase webhook demo)`);
  process.exit(2);
}
const ports = { ingress: Number(process.env.INGRESS_PORT ?? 18001), api: Number(process.env.API_PORT ?? 18002), firstProbe: 18003 };
const services = [];

let channelFakes;

async function shutdown(code) {
  console.log('\nStopping services ...');
  await Promise.all(services.map((s) => s.stop()));
  await channelFakes?.stop();
  console.log('Stopped. Kafka keeps running for next time; stop it with: npm run infra:stop');
  process.exit(code);
}

// The projectors' and the backfiller's young generation as in their Deployments
// (k8s/projector/deployment.yaml, k8s/base/backfiller/deployment.yaml, docs/performance.md#backfill).
const YOUNG_GENERATION = '--max-semi-space-size=32';

try {
  const infra = await ensureInfra({ profile: 'dev' });
  const secrets = devSecrets();
  await build();
  const { replicatorNames } = createRequire(import.meta.url)(path.join(root, 'dist/libs/replicators/registry/src/index.js'));
  const publicUrl = process.env.WHDB_PUBLIC_URL ?? `http://127.0.0.1:${ports.ingress}`;
  // The channel demo points every service at local fakes of SignalWire and Front (started first).
  channelFakes = demo && demoName === 'channel' ? await startChannelDemoFakes(root) : undefined;
  const env = {
    ...(channelFakes?.env ?? {}),
    DATABASE_URL: infra.databaseUrl,
    KAFKA_BROKERS: infra.kafkaBrokers,
    WHDB_ENCRYPTION_KEY: process.env.WHDB_ENCRYPTION_KEY ?? secrets.encryptionKey,
    WHDB_ADMIN_TOKEN: process.env.WHDB_ADMIN_TOKEN ?? secrets.adminToken,
    WHDB_PUBLIC_URL: publicUrl,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
  };
  const logDir = path.join(cacheDir(), 'logs');
  const launch = (app, extra, url, label = app) => {
    const service = startService({ root, app, label, env: { ...env, ...extra }, logDir });
    services.push(service);
    service.exited.then(({ code, signal }) => {
      if (!shuttingDown) console.error(`[${label}] exited (${signal ?? `code ${code}`}); see ${service.logFile}`);
    });
    return waitUntilReady(service, url).then(() => ({ label, url, logFile: service.logFile }));
  };
  let shuttingDown = false;
  // The services are in their own process groups: Ctrl-C reaches only us. The first signal stops
  // each service with one SIGTERM; later ones are passed on, so pressing Ctrl-C twice more makes
  // services that are still draining give up (docs/runbooks/stopping-services.md).
  const onSignal = (signal) => {
    if (!shuttingDown) {
      shuttingDown = true;
      void shutdown(0);
      return;
    }
    console.log(`(${signal}: passed on to the services still draining; they give up at the third signal)`);
    for (const service of services) service.forward(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const apiUrl = `http://127.0.0.1:${ports.api}`;
  const ingressUrl = `http://127.0.0.1:${ports.ingress}`;
  const started = [await launch('api', { API_PORT: String(ports.api) }, apiUrl)];
  started.push(
    ...(await Promise.all([
      launch('ingress', { INGRESS_PORT: String(ports.ingress) }, ingressUrl),
      ...replicatorNames().map((name, i) =>
        launch('projector', { WHDB_REPLICATOR: name, PROBE_PORT: String(ports.firstProbe + i), NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${YOUNG_GENERATION}`.trim() }, `http://127.0.0.1:${ports.firstProbe + i}`, `projector-${name}`),
      ),
      // The webhook audit log writer (docs/behaviour/audit-log.md), probes after the projectors'.
      launch('webhook-logger', { PROBE_PORT: String(ports.firstProbe + replicatorNames().length) }, `http://127.0.0.1:${ports.firstProbe + replicatorNames().length}`),
      // Sends SMS and Front imports (docs/behaviour/outbound-sender.md); the SMS allowlist is empty
      // unless SIGNALWIRE_SMS_ALLOWLIST is set in the environment, so nothing is texted by default.
      launch('outbound-sender', { PROBE_PORT: String(ports.firstProbe + replicatorNames().length + 1) }, `http://127.0.0.1:${ports.firstProbe + replicatorNames().length + 1}`),
      // The Front <-> SignalWire channel's reconciler (docs/behaviour/channel.md), probes after the logger's.
      launch('reconciler', { PROBE_PORT: String(ports.firstProbe + replicatorNames().length + 2) }, `http://127.0.0.1:${ports.firstProbe + replicatorNames().length + 2}`),
      // Backfill jobs and the incremental SignalWire poll (docs/behaviour/backfill.md), probes after the reconciler's.
      launch('backfiller', { PROBE_PORT: String(ports.firstProbe + replicatorNames().length + 3), NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${YOUNG_GENERATION}`.trim() }, `http://127.0.0.1:${ports.firstProbe + replicatorNames().length + 3}`),
      // History as of any time (docs/behaviour/history.md), probes after the backfiller's.
      launch('history-writer', { PROBE_PORT: String(ports.firstProbe + replicatorNames().length + 4) }, `http://127.0.0.1:${ports.firstProbe + replicatorNames().length + 4}`),
    ])),
  );

  console.log('\nwebhookdb-kafka is up');
  console.log(`  ingress     ${ingressUrl}   (providers POST to ${publicUrl}/v1/service_integrations/<opaque_id>)`);
  console.log(`  api         ${apiUrl}   (admin token: ${env.WHDB_ADMIN_TOKEN}, kept in ${secrets.file})`);
  for (const s of started.slice(2)) console.log(`  ${s.label}  ${s.url}/metrics`);
  console.log(`  postgres    ${infra.databaseUrl}`);
  console.log(`  kafka       ${infra.kafkaBrokers}`);
  console.log(`  logs        ${logDir}/<service>.log`);

  if (demo && channelFakes) {
    await runChannelDemoSteps({ root, apiUrl, ingressUrl, adminToken: env.WHDB_ADMIN_TOKEN, databaseUrl: infra.databaseUrl, fakes: channelFakes });
  } else if (demo) {
    const result = await runDemo({ apiUrl, ingressUrl, adminToken: env.WHDB_ADMIN_TOKEN, databaseUrl: infra.databaseUrl });
    console.log(`\nDemo: organization ${result.orgKey}, integration ${result.opaqueId}; a signed Increase webhook became this row:`);
    console.log(`  ${JSON.stringify(result.row)}`);
    console.log(`  psql ${infra.databaseUrl} -c 'SELECT * FROM whdb_org_${result.orgKey}.${result.table}'`);
    console.log(`  (organization token for the api: ${result.token})`);
  }
  console.log('\nPress Ctrl-C to stop.');
} catch (error) {
  console.error(`\nnpm run up failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}
