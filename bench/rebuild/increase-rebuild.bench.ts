import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { silentLogger, Topics } from '@whdb/core';
import { fetchTopicOffsets, KafkaPublisher, OutgoingMessage } from '@whdb/kafka';
import { buildIncreaseAccount, buildIncreaseAccountEvent, eventually, expectStatus, TableProbe, WhdbStack } from '@whdb/testing';
import { RssSampler } from '../backfill/rss-sampler';
import { CpuLedger, Participant } from '../cpu-ledger';
import { pidsWithCommandLine, processTimes } from '../process-cpu';

/**
 * `npm run bench:rebuild -- [--resources 100000] [--cpu-prof DIR]`
 *
 * A rebuild of an `increase_account_v1` table from the log (docs/performance.md#rebuild): the
 * stack runs as processes (api, ingress, one projector); the bench publishes `--resources`
 * verified webhooks (`webhook.received`, one account each, as the ingress would) straight to the
 * inbound topic, waits until the live projector has written them, then starts a rebuild through
 * the api and follows it to the swap. Prints rows/s, CPU ms per row of every process during the
 * rebuild, the projector's memory (the rebuild runs in it) and the load average.
 */
const TARGET_ROWS_PER_S = 10_000;
const PUBLISH_BATCH = 2000;

interface RebuildStatus {
  readonly id: string;
  readonly state: string;
  readonly rows_written: number;
  readonly events_read: number;
  readonly started_at: string | null;
  readonly finished_at: string | null;
  readonly error: string | null;
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set (npm run bench:rebuild sets it)`);
  return value;
}

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** CPU ms of every Postgres backend connected to `database` (their command line names it), by pid. */
function backendTimes(database: string): Map<number, number> {
  return new Map(pidsWithCommandLine(` ${database} `).map((pid) => [pid, processTimes(pid)?.ownMs ?? 0]));
}

/** CPU the backends of one database spent between two snapshots; one that connected meanwhile counts whole, one that left is lost. */
function backendMsBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

async function publishAccounts(brokers: string, opaqueId: string, organizationId: number, resources: number): Promise<void> {
  const publisher = await KafkaPublisher.connect({ brokers: brokers.split(','), clientId: 'whdb-bench-rebuild' }, silentLogger, { sendTimeoutMs: 30_000 });
  const topic = Topics.inbound('increase_account_v1');
  try {
    for (let start = 0; start < resources; start += PUBLISH_BATCH) {
      const messages: OutgoingMessage[] = [];
      for (let n = start; n < Math.min(resources, start + PUBLISH_BATCH); n += 1) {
        const account = buildIncreaseAccount({ name: `Bench account ${n}` });
        const body = JSON.stringify(buildIncreaseAccountEvent(account, new Date(Date.UTC(2024, 0, 1) + n * 1000).toISOString()));
        const id = randomUUID();
        const value = {
          type: 'webhook.received',
          id,
          correlation_id: id,
          received_at: new Date().toISOString(),
          integration: { opaque_id: opaqueId, service_name: 'increase_account_v1', organization_id: organizationId },
          request: { method: 'POST', path: `/v1/service_integrations/${opaqueId}`, headers: { 'content-type': 'application/json' }, body },
          response_status: 202,
        };
        messages.push({ topic, key: `${opaqueId}:${String(account['id'])}`, value, metadata: { id, type: 'webhook.received', source: '/whdb/bench', time: value.received_at, correlationId: id } });
      }
      await publisher.publish(messages);
    }
  } finally {
    await publisher.disconnect();
  }
}

async function main(): Promise<void> {
  const resources = argument('resources', 100_000);
  const brokers = env('KAFKA_BROKERS');
  const databaseUrl = env('DATABASE_URL');
  // `--cpu-prof DIR`: every service writes a V8 CPU profile into DIR when the stack stops (the projector's is the rebuild's).
  const profileIndex = process.argv.indexOf('--cpu-prof');
  const nodeArgs = profileIndex >= 0 ? ['--cpu-prof', '--cpu-prof-dir', process.argv[profileIndex + 1] ?? 'cpu-profiles'] : [];
  const stack = await new WhdbStack({ kafkaBrokers: brokers, databaseUrl, startTimeoutMs: 180_000, nodeArgs }).start();
  const probe = await TableProbe.connect(databaseUrl);
  const orgKey = `bench_rebuild_${randomBytes(3).toString('hex')}`;
  try {
    const created = await stack.adminClient().createOrganization('Rebuild bench', orgKey);
    const client = stack.adminClient().withToken(created.token);
    const step = await client.createIntegration(orgKey, 'increase_account_v1');
    const { opaque_id: opaqueId, table_name: table } = step.service_integration;
    const qualified = `"whdb_org_${orgKey}"."${table}"`;
    const rowCount = async () => Number((await probe.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${qualified}`))[0]!.n);

    console.log(`Publishing ${resources.toLocaleString('en-US')} webhooks of ${opaqueId} to the inbound topic...`);
    await publishAccounts(brokers, opaqueId, created.organization.id, resources);
    console.log('Waiting for the live projector to write them...');
    await eventually(async () => (await rowCount()) >= resources, { timeoutMs: 1_800_000, intervalMs: 1000, description: 'the live table' });

    const offsets = await fetchTopicOffsets({ brokers: brokers.split(','), clientId: 'whdb-bench-rebuild' }, silentLogger, Topics.inbound('increase_account_v1'));
    const inTopic = offsets.partitions.reduce((sum, p) => sum + Number(BigInt(p.high) - BigInt(p.low)), 0);
    const projector = stack.projector();
    const givenKafka = Number(process.env['WHDB_BENCH_KAFKA_PID']);
    const kafka = Number.isInteger(givenKafka) && givenKafka > 0 ? [givenKafka] : pidsWithCommandLine('kafka.Kafka');
    const participants: Participant[] = [
      { name: 'projector (rebuild)', pid: projector.pid! },
      { name: 'api', pid: stack.api.pid! },
      ...(kafka.length === 1 ? [{ name: 'kafka', pid: kafka[0]! }] : []),
      { name: 'postgres', comm: 'postgres' },
      { name: 'bench', pid: process.pid },
    ];
    const ledger = new CpuLedger(participants);
    const loadBefore = loadavg();
    const memory = new RssSampler(projector.pid!);
    const database = new URL(databaseUrl).pathname.slice(1);
    const backendsBefore = backendTimes(database);
    const cpuBefore = ledger.snapshot();
    const wallStart = Date.now();
    const path = `/v1/organizations/${orgKey}/service_integrations/${opaqueId}/rebuild`;
    const started = expectStatus(await client.request<RebuildStatus>('POST', path), 202);
    const done = await eventually(
      async () => {
        const status = expectStatus(await client.request<RebuildStatus>('GET', `${path}/${started.id}`), 200);
        if (status.state === 'failed') throw new Error(`rebuild failed: ${status.error}`);
        return status.state === 'finished' && status;
      },
      { timeoutMs: 1_800_000, intervalMs: 500, description: 'the rebuild' },
    );
    const wallSeconds = (Date.now() - wallStart) / 1000;
    const cpu = CpuLedger.between(cpuBefore, ledger.snapshot());
    const backendMs = backendMsBetween(backendsBefore, backendTimes(database));
    const mem = memory.stop();
    const loadAfter = loadavg();
    const runSeconds = (Date.parse(done.finished_at!) - Date.parse(done.started_at!)) / 1000;
    const perRow = (ms: number) => (ms / Math.max(1, done.rows_written)).toFixed(4);
    const rowsPerS = Math.round(done.rows_written / runSeconds);
    console.log('');
    console.log(`Rebuild of ${resources.toLocaleString('en-US')} resources from the log (increase_account_v1, webhook.received events)`);
    console.log(`  rows written          ${done.rows_written.toLocaleString('en-US')} (events read ${done.events_read.toLocaleString('en-US')}); table rows after the swap ${(await rowCount()).toLocaleString('en-US')}`);
    console.log(`  rebuild run           ${runSeconds.toFixed(1)} s (claimed -> swapped): ${rowsPerS.toLocaleString('en-US')} rows/s (target >= ${TARGET_ROWS_PER_S.toLocaleString('en-US')})`);
    console.log(`  messages scanned      ${inTopic.toLocaleString('en-US')} in the topic (every integration's; earlier runs' too): ${Math.round(inTopic / runSeconds).toLocaleString('en-US')} messages/s`);
    console.log(`  api request -> swap   ${wallSeconds.toFixed(1)} s: ${Math.round(done.rows_written / wallSeconds).toLocaleString('en-US')} rows/s (includes the <= 2 s poll and the consumer group join)`);
    console.log(`  CPU ms/row            machine ${perRow(cpu.machineMs)}; ${[...cpu.perName].map(([name, ms]) => `${name} ${perRow(ms)}`).join('; ')}`);
    console.log(`                        postgres backends of ${database} only: ${perRow(backendMs)} (the 'postgres' figure is every postgres process of the machine)`);
    console.log(`  projector memory      VmRSS start ${mem.startMiB} MiB, peak sampled ${mem.peakSampledMiB} MiB, end ${mem.endMiB} MiB (VmHWM, boot and live projection included: ${mem.highWaterMiB} MiB)`);
    console.log(`  load average          before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')} (2 cores; other work on the machine counts)`);
  } finally {
    await stack.stop();
    await probe.dropOrganizationSchema(orgKey).catch(() => undefined);
    await probe.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
