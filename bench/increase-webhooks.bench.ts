import { buildIncreaseAccount, increaseSignatureHeader, TableProbe, WhdbStack } from '@whdb/testing';
import { randomBytes } from 'node:crypto';
import { summarize } from './latency-stats';

/**
 * Sends N signed Increase webhooks at the ingress with C in flight and reports: accepted/s,
 * latency p50/p90/p99 (until the 202, i.e. durable in Kafka), and rows visible/s in Postgres
 * (from the first send until the last row is queryable). Runs the real stack as processes.
 *
 *   npm run bench -- --requests 5000 --concurrency 32
 */
function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

async function main(): Promise<void> {
  const requests = arg('requests', 5000);
  const concurrency = arg('concurrency', 32);
  const kafkaBrokers = process.env['KAFKA_BROKERS'];
  const databaseUrl = process.env['DATABASE_URL'];
  if (!kafkaBrokers || !databaseUrl) throw new Error('KAFKA_BROKERS and DATABASE_URL must be set (npm run bench sets them)');

  const stack = await new WhdbStack({ kafkaBrokers, databaseUrl, env: { LOG_LEVEL: 'warn' }, nodeArgs: process.env['BENCH_NODE_ARGS']?.split(' ') }).start();
  const probe = await TableProbe.connect(databaseUrl);
  try {
    const orgKey = `bench_${randomBytes(4).toString('hex')}`;
    const secret = `whsec_${randomBytes(12).toString('hex')}`;
    const created = await stack.adminClient().createOrganization('Benchmark', orgKey);
    const org = stack.adminClient().withToken(created.token);
    const step = await org.createIntegration(orgKey, 'increase_account_v1');
    const { opaque_id: opaqueId, table_name: table } = step.service_integration;
    await org.transition(orgKey, opaqueId, 'webhook_secret', secret);
    const url = `${stack.ingressUrl}/v1/service_integrations/${opaqueId}`;

    const bodies = Array.from({ length: requests }, () => JSON.stringify(buildIncreaseAccount()));
    const latencies: number[] = [];
    let failures = 0;
    let next = 0;
    const count = async () => Number((await probe.query<{ n: string }>(`SELECT count(*) AS n FROM whdb_org_${orgKey}.${table}`))[0]!.n);

    const started = performance.now();
    let allVisibleAt = 0;
    const watcher = (async () => {
      while ((await count()) < requests - failures) await new Promise((resolve) => setTimeout(resolve, 50));
      allVisibleAt = performance.now();
    })();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests) {
          const raw = bodies[next++]!;
          const sentAt = performance.now();
          const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'increase-webhook-signature': increaseSignatureHeader(raw, secret) }, body: raw });
          await response.arrayBuffer();
          if (response.status === 202) latencies.push(performance.now() - sentAt);
          else failures += 1;
        }
      }),
    );
    const sentAt = performance.now();
    await watcher;
    const sendSeconds = (sentAt - started) / 1000;
    const visibleSeconds = (allVisibleAt - started) / 1000;
    const latency = summarize(latencies);
    const figures = {
      requests,
      concurrency,
      accepted: latencies.length,
      failed: failures,
      accepted_per_s: Math.round(latencies.length / sendSeconds),
      latency_ms: { p50: +latency.p50.toFixed(1), p90: +latency.p90.toFixed(1), p99: +latency.p99.toFixed(1), max: +latency.max.toFixed(1) },
      rows_visible_per_s: Math.round(latencies.length / visibleSeconds),
      all_rows_visible_after_s: +visibleSeconds.toFixed(2),
    };
    console.log(`\nincrease_account_v1 webhooks: ${requests} requests, ${concurrency} in flight`);
    console.log(`  accepted          ${figures.accepted} (${failures} failed)`);
    console.log(`  accepted/s        ${figures.accepted_per_s}`);
    console.log(`  latency p50/p90/p99/max  ${figures.latency_ms.p50} / ${figures.latency_ms.p90} / ${figures.latency_ms.p99} / ${figures.latency_ms.max} ms`);
    console.log(`  rows visible/s    ${figures.rows_visible_per_s} (all ${figures.accepted} rows queryable after ${figures.all_rows_visible_after_s} s)`);
    console.log(JSON.stringify(figures));
  } finally {
    await probe.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
