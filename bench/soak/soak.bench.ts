import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { buildFrontChannelEvent, buildFrontChannelMessage, buildIncreaseAccount, increaseSignatureHeader, ServiceProcess, setUpDemoChannel, startChannelFakes, TableProbe, WhdbStack } from '@whdb/testing';
import { CHANNEL_SERVICE, customerNumber } from '../channel/channel-bench-stack';
import { processTimes, residentMiB } from '../process-cpu';
import { ConsumerLag } from '@whdb/kafka';
import { parseSoakBenchArgs } from './soak-bench-args';
import { soakReport, SoakSample } from './soak-report';

/**
 * `npm run bench:soak -- [--minutes 20] [--rate 20] [--channel-rate 1] [--sample-seconds 30]`
 *
 * A soak (docs/performance.md#soak), not a test: the whole stack as processes (api, ingress, the
 * projectors, reconciler, outbound sender, backfiller, webhook logger, history writer) gets signed
 * Increase webhooks at a fixed rate plus Front replies that become SMS at the SignalWire fake.
 * Every `--sample-seconds` it records each process's VmRSS and CPU and each consumer group's lag;
 * at the end it prints the table over time and a summary (RSS flat or growing, max and final lag,
 * error/fatal log lines, webhooks sent/acked/stored), also written to dist/soak/.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set (npm run bench:soak sets it)`);
  return value;
}

function services(stack: WhdbStack): Map<string, ServiceProcess> {
  const named = new Map<string, ServiceProcess>([['api', stack.api], ['ingress', stack.ingress]]);
  for (const [name, process] of stack.projectors) named.set(`projector ${name.replace(/_v1$/, '')}`, process);
  for (const [name, process] of Object.entries({ reconciler: stack.reconciler, 'outbound-sender': stack.outboundSender, backfiller: stack.backfillers[0], 'webhook-logger': stack.webhookLogger, 'history-writer': stack.historyWriter })) {
    if (process) named.set(name, process);
  }
  return named;
}

/** Calls `send` `perSecond` times a second until `until` (ms since epoch), never more than 200 in flight. */
async function atFixedRate(perSecond: number, until: number, send: () => Promise<void>): Promise<void> {
  if (perSecond <= 0) return;
  const started = Date.now();
  const inFlight = new Set<Promise<void>>();
  for (let n = 0; Date.now() < until; n += 1) {
    const due = started + (n * 1000) / perSecond;
    if (due > Date.now()) await sleep(due - Date.now());
    if (inFlight.size >= 200) await Promise.race(inFlight);
    const p: Promise<void> = send().finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
}

async function main(): Promise<void> {
  const options = parseSoakBenchArgs(process.argv.slice(2));
  console.log(`soak: ${options.minutes} min, ${options.rate} Increase webhooks/s, ${options.channelRate} Front replies/s, a sample every ${options.sampleSeconds} s`);
  const fakes = await startChannelFakes({ allowlist: '+1777*', space: 'soak' });
  const stack = new WhdbStack({
    kafkaBrokers: env('KAFKA_BROKERS'),
    databaseUrl: env('DATABASE_URL'),
    replicators: ['increase_account_v1', 'signalwire_message_v1', CHANNEL_SERVICE],
    env: { LOG_LEVEL: 'warn', ...fakes.env },
    ingressEnv: { WHDB_INGRESS_RATE_LIMIT_PER_INTEGRATION: '0', WHDB_INGRESS_RATE_LIMIT_PER_ORGANIZATION: '0' },
    reconciler: true,
    outboundSender: true,
    backfiller: true,
    webhookLogger: true,
    historyWriter: true,
    startTimeoutMs: 120_000,
  });
  const probe = await TableProbe.connect(env('DATABASE_URL'));
  let lag: ConsumerLag | undefined;
  let orgKey: string | undefined;
  try {
    await stack.start();
    lag = await ConsumerLag.connect(env('KAFKA_BROKERS'));
    const channel = await setUpDemoChannel(stack.adminClient(), stack.ingressUrl, fakes, `soak_ch_${randomBytes(3).toString('hex')}`);
    orgKey = `soak_${randomBytes(4).toString('hex')}`;
    const org = stack.adminClient().withToken((await stack.adminClient().createOrganization('Soak', orgKey)).token);
    const step = await org.createIntegration(orgKey, 'increase_account_v1');
    const { opaque_id: opaqueId, table_name: table } = step.service_integration;
    const secret = `whsec_${randomBytes(12).toString('hex')}`;
    await org.transition(orgKey, opaqueId, 'webhook_secret', secret);
    const url = `${stack.ingressUrl}/v1/service_integrations/${opaqueId}`;

    const named = services(stack);
    const samples: SoakSample[] = [];
    const started = Date.now();
    let cpuBefore = new Map([...named].map(([n, p]) => [n, processTimes(p.pid!)?.ownMs ?? 0]));
    let cpuAt = started;
    const sample = async () => {
      const now = Date.now();
      const cpuNow = new Map([...named].map(([n, p]) => [n, processTimes(p.pid!)?.ownMs ?? 0]));
      const elapsed = Math.max(1, now - cpuAt);
      samples.push({
        atSeconds: (now - started) / 1000,
        rssMiB: Object.fromEntries([...named].map(([n, p]) => [n, residentMiB(p.pid!) ?? 0])),
        cpuPercent: Object.fromEntries([...named.keys()].map((n) => [n, (100 * ((cpuNow.get(n) ?? 0) - (cpuBefore.get(n) ?? 0))) / elapsed])),
        lag: Object.fromEntries(await lag!.perGroup()),
      });
      [cpuBefore, cpuAt] = [cpuNow, now];
      const last = samples[samples.length - 1]!;
      console.log(`  ${(last.atSeconds / 60).toFixed(1)} min: sent ${sent}, acked ${acked}; lag ${Object.values(last.lag).reduce((a, b) => a + b, 0)} in total`);
    };
    let [sent, acked, replies] = [0, 0, 0];
    await sample();
    const timer = setInterval(() => void sample().catch((error: unknown) => console.warn(`(a sample failed: ${String(error)})`)), options.sampleSeconds * 1000);
    const until = started + options.minutes * 60_000;
    await Promise.all([
      atFixedRate(options.rate, until, async () => {
        const body = JSON.stringify(buildIncreaseAccount());
        sent += 1;
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'increase-webhook-signature': increaseSignatureHeader(body, secret) }, body }).catch(() => undefined);
        if (response && response.status >= 200 && response.status < 300) acked += 1;
        await response?.arrayBuffer().catch(() => undefined);
      }),
      atFixedRate(options.channelRate, until, async () => {
        replies += 1;
        await channel.frontDelivers(buildFrontChannelEvent('message', buildFrontChannelMessage({ to: [customerNumber(replies)], text: `soak ${replies}` }))).catch(() => undefined);
      }),
    ]);
    clearInterval(timer);
    // Drain: wait (up to a minute) until every acked webhook is a row, then a last sample.
    const count = async () => Number((await probe.query<{ n: string }>(`SELECT count(*)::text AS n FROM "whdb_org_${orgKey}"."${table}"`))[0]?.n ?? 0);
    for (const deadline = Date.now() + 60_000; (await count()) < acked && Date.now() < deadline; ) await sleep(1000);
    await sample();
    const totals = {
      sent,
      acked,
      stored: await count(),
      repliesSent: replies,
      smsAtFake: fakes.signalwire.sendRequests().length,
      errorLines: Object.fromEntries([...named].map(([n, p]) => [n, p.errorLineCount])),
      lastErrorLines: Object.fromEntries([...named].map(([n, p]) => [n, p.lastErrorLines])),
    };
    const report = soakReport(`Soak: ${options.minutes} min at ${options.rate} webhooks/s and ${options.channelRate} replies/s (${new Date(started).toISOString()})`, samples, totals);
    console.log(`\n${report}`);
    const dir = path.resolve(__dirname, '..', '..', 'soak');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `soak-${new Date(started).toISOString().replace(/[:.]/g, '-')}.md`);
    writeFileSync(file, report);
    console.log(`report written to ${file}`);
  } finally {
    await lag?.close().catch(() => undefined);
    await stack.stop().catch(() => undefined);
    await fakes.stop().catch(() => undefined);
    if (orgKey) await probe.dropOrganizationSchema(orgKey).catch(() => undefined);
    await probe.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
