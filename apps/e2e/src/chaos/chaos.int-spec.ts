import { ChaosReport } from './chaos-report';
import { ChaosResult, Fault, runScenario } from './chaos-scenario';
import { ChaosStack } from './chaos-stack';
import { kafkaBrokerRestart, partition, postgresRestart } from './dependency-faults';
import { serviceKills } from './service-kills';

/**
 * No single failure loses or duplicates anything (docs/operations.md#chaos-suite). For each
 * failure, webhooks and Front replies flow through the ingress before, during and after it; every
 * delivery the ingress acknowledged (2xx) must end up downstream exactly once: a row in Postgres,
 * an SMS at SignalWire. The table of figures is printed and written to dist/chaos/
 * (`npm run chaos:table` puts it in docs/chaos-results.md).
 */
describe('chaos: no single failure loses or duplicates anything', () => {
  const chaos = new ChaosStack();
  const report = new ChaosReport();

  beforeAll(() => chaos.start(), 420_000);

  afterAll(async () => {
    if (report.rows.length > 0) report.write();
    await chaos.stop();
  }, 120_000);

  async function survives(fault: Fault): Promise<ChaosResult> {
    const result = await runScenario(chaos, fault);
    report.add(result);
    if (process.env['DEBUG_LOGS']) console.log(chaos.stack.logs());
    const { failure, lost, duplicates, smsLost, smsTwice } = result;
    expect({ failure, lost, duplicates, smsLost, smsTwice }).toEqual({ failure, lost: 0, duplicates: 0, smsLost: 0, smsTwice: 0 });
    // The load really went through the failure: something was acknowledged, and so was an SMS.
    expect(result.acknowledged).toBeGreaterThan(0);
    expect(result.smsAcknowledged).toBeGreaterThan(0);
    return result;
  }

  describe('kill -9 of each service mid-stream', () => {
    for (const fault of serviceKills(chaos)) it(fault.name, () => survives(fault), 300_000);
  });

  it('a Kafka broker restart', () => survives(kafkaBrokerRestart(chaos)), 300_000);

  it('a Postgres restart', () => survives(postgresRestart(chaos)), 300_000);

  describe('30 s network partitions', () => {
    it('between the ingress and Kafka: 503s, never an acknowledgement Kafka did not take', async () => {
      const result = await survives(partition(chaos, 'Kafka', ['ingress']));
      expect(result.statuses['webhook 503']).toBeGreaterThan(0);
    }, 300_000);

    it('between the workers (projectors, reconciler, outbound sender, backfiller) and Postgres', () => survives(partition(chaos, 'Postgres', ['projectors', 'reconciler', 'sender', 'backfiller'])), 300_000);
  });

  it('sent no SMS twice over the whole run, re-issues included', async () => {
    // Longer than the reconciler's re-issue delay (5 s): a late duplicate would show up by then.
    await new Promise((resolve) => setTimeout(resolve, 8000));
    const twice = [...chaos.smsPerBody()].filter(([, n]) => n > 1);
    expect(twice).toEqual([]);
    expect(chaos.signalwire.sent.length).toBeGreaterThan(0);
  }, 60_000);
});
