import { randomBytes } from 'node:crypto';
import { buildIncreaseAccount, eventually, expectStatus, FakeIncrease, ServiceProcess, StepBody } from '@whdb/testing';
import { jobRow } from '../backfill/backfill-fixture';
import { IncreaseIntegration, setUpIncreaseIntegration } from '../stack-fixture';
import { ChaosStack } from './chaos-stack';
import { Fault } from './chaos-scenario';

/** Services may take a while to start on a busy 2-core machine. */
const RESTART_TIMEOUT_MS = 180_000;

/** `kill -9` of the processes, then a restart with the same environment, as a supervisor (Kubernetes) does. */
export function killAndRestart(name: string, processes: () => ServiceProcess[], beforeKill: () => Promise<void> = async () => undefined): Fault {
  return {
    name: `kill -9 ${name}`,
    recoveryFrom: 'start',
    run: async () => {
      await beforeKill();
      const killed = processes();
      await Promise.all(killed.map((p) => p.crash()));
      await Promise.all(killed.map((p) => p.start(RESTART_TIMEOUT_MS)));
    },
  };
}

/**
 * The outbound sender is killed while SignalWire is answering a send: the SMS exists at SignalWire
 * but the sender never recorded its sid, the hardest moment for "never twice"
 * (docs/behaviour/outbound-sender.md#in-flight).
 */
export function killSenderMidSend(chaos: ChaosStack): Fault {
  return killAndRestart('outbound sender (mid-send)', () => [chaos.stack.outboundSender!], async () => {
    const before = chaos.signalwire.sendRequests().length;
    chaos.signalwire.sendAnswerDelayMs = 3000;
    try {
      await eventually(() => chaos.signalwire.sendRequests().length > before, { timeoutMs: 30_000, description: 'an SMS send in flight' });
    } finally {
      chaos.signalwire.sendAnswerDelayMs = 0;
    }
  });
}

const BACKFILL_ACCOUNTS = 1500;

/**
 * The backfiller is killed mid-way through a 1500-account Increase backfill (15 slow pages) while
 * webhooks keep coming: it resumes from the stored cursor and every account is stored exactly once
 * (docs/behaviour/backfill.md#resume).
 */
export function killBackfillerMidJob(chaos: ChaosStack): Fault {
  const apiKey = `key_${randomBytes(8).toString('hex')}`;
  const fake = new FakeIncrease({ apiKey });
  let integration: IncreaseIntegration;
  let jobId = '';
  const table = () => `whdb_org_${integration.orgKey}.${integration.table}`;
  const counts = async () => {
    const [row] = await chaos.probe.query<{ n: string; distinct: string }>(`SELECT count(*)::text AS n, count(DISTINCT increase_id)::text AS distinct FROM ${table()}`);
    return { rows: Number(row!.n), distinct: Number(row!.distinct) };
  };
  return {
    name: 'kill -9 backfiller (mid-backfill)',
    recoveryFrom: 'start',
    run: async () => {
      await fake.start();
      chaos.cleanups.push(() => fake.stop());
      fake.addAccounts(...Array.from({ length: BACKFILL_ACCOUNTS }, (_, n) => buildIncreaseAccount({ name: `Backfilled ${n}` })));
      fake.slowDown(400);
      integration = await setUpIncreaseIntegration(chaos.stack, 'chaos_bf');
      chaos.orgKeys.push(integration.orgKey);
      const path = `/v1/organizations/${integration.orgKey}/service_integrations/${integration.opaqueId}/transition`;
      expectStatus(await integration.client.request<StepBody>('POST', `${path}/backfill_key`, { value: apiKey }), 200);
      const done = expectStatus(await integration.client.request<StepBody & { backfill_job_id?: string }>('POST', `${path}/api_url`, { value: fake.url }), 200);
      jobId = done.backfill_job_id!;
      await eventually(async () => (await jobRow(chaos.probe, jobId)).pages >= 3, { timeoutMs: 60_000, description: 'three backfill pages recorded' });
      await chaos.stack.backfiller.crash();
      fake.slowDown(0);
      await chaos.stack.backfiller.start(RESTART_TIMEOUT_MS);
    },
    recovered: async () => (await jobRow(chaos.probe, jobId)).status === 'finished' && (await counts()).rows === BACKFILL_ACCOUNTS,
    note: async () => {
      const { rows, distinct } = await counts();
      return `backfill of ${BACKFILL_ACCOUNTS} accounts: ${distinct} stored, ${rows - distinct} twice`;
    },
  };
}

/** Every service, one at a time. */
export function serviceKills(chaos: ChaosStack): Fault[] {
  return [
    killAndRestart('ingress', () => [chaos.stack.ingress]),
    killAndRestart('projectors (all three)', () => [...chaos.stack.projectorReplicas.values()].flat()),
    killBackfillerMidJob(chaos),
    killAndRestart('reconciler', () => [chaos.stack.reconciler!]),
    killSenderMidSend(chaos),
    killAndRestart('api', () => [chaos.stack.api]),
  ];
}
