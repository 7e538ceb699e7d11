import { randomBytes } from 'node:crypto';
import { ConsumerGroups, silentLogger, Topics } from '@whdb/core';
import { parseBrokers, positionGroupAtEnd } from '@whdb/kafka';
import { ControlPlaneClient, FakeSignalwire, generatedSignalwireHistory, StepBody, TableProbe, WhdbStack } from '@whdb/testing';

const SERVICE = 'signalwire_message_v1';
/** `NODE_OPTIONS` of the projector Deployment (k8s/projector/deployment.yaml). */
const PROJECTOR_NODE_OPTIONS = '--max-semi-space-size=32';
/**
 * `NODE_OPTIONS` of the backfiller Deployment (k8s/base/backfiller/deployment.yaml) but its heap
 * cap (128 MiB there), which `--backfiller-heap-mib` sets (docs/performance.md#backfill).
 */
const BACKFILLER_NODE_OPTIONS = '--max-semi-space-size=32';

/** The SignalWire integration the bench set up through the api, up to its last step. */
export interface PreparedIntegration {
  readonly orgKey: string;
  readonly opaqueId: string;
  /** `whdb_org_<key>.<table>`, quoted by construction (generated names). */
  readonly qualifiedTable: string;
  /** The last setup step (`backfill_secret`): completing it creates the full backfill job. */
  complete(): Promise<string>;
}

/**
 * One backfill bench run's world (docs/performance.md#backfill): the SignalWire fake in the bench
 * process, serving `messages` generated messages page by page (never all in memory), and the stack
 * as processes: api, ingress, the `signalwire_message_v1` projector and the backfiller.
 */
export class BackfillBenchStack {
  fake!: FakeSignalwire;
  stack!: WhdbStack;

  constructor(
    private readonly options: {
      readonly kafkaBrokers: string;
      readonly databaseUrl: string;
      readonly messages: number;
      readonly pageSize: number;
      readonly nodeArgs: readonly string[];
      readonly env: Readonly<Record<string, string>>;
      /** `--max-old-space-size` of the backfiller only (through NODE_OPTIONS). */
      readonly backfillerHeapMiB?: number;
    },
  ) {}

  async start(): Promise<this> {
    const servedPageSize = this.options.pageSize === 100 ? undefined : this.options.pageSize;
    this.fake = await new FakeSignalwire({ space: 'bench', servedPageSize }).generate(generatedSignalwireHistory({ count: this.options.messages, label: 'bench' })).start();
    this.stack = new WhdbStack({
      kafkaBrokers: this.options.kafkaBrokers,
      databaseUrl: this.options.databaseUrl,
      replicators: ['signalwire_message_v1'],
      nodeArgs: this.options.nodeArgs,
      env: { LOG_LEVEL: 'warn', SIGNALWIRE_URL_TEMPLATE: this.fake.urlTemplate, ...this.options.env },
      // As deployed (k8s/projectors/signalwire-message-v1, k8s/projector/deployment.yaml): a channel
      // hop, so fetches answer at once; V8's young generation as the Deployment sets it.
      projectorEnv: { WHDB_PROJECTOR_FETCH_MIN_BYTES: '1', NODE_OPTIONS: PROJECTOR_NODE_OPTIONS, ...this.options.env },
      // No incremental poll: the only job is the full backfill the setup starts.
      backfiller: {
        SIGNALWIRE_POLL_INTERVAL_SECONDS: '0',
        NODE_OPTIONS: [BACKFILLER_NODE_OPTIONS, ...(this.options.backfillerHeapMiB ? [`--max-old-space-size=${this.options.backfillerHeapMiB}`] : [])].join(' '),
      },
      startTimeoutMs: 120_000,
    });
    try {
      // What an earlier, interrupted run left in the inbound topic belongs to a dropped organization:
      // the projector would dead-letter it one message at a time inside this run's window.
      await positionGroupAtEnd({ brokers: parseBrokers(this.options.kafkaBrokers), clientId: 'whdb-bench' }, silentLogger, ConsumerGroups.projector(SERVICE), Topics.inbound(SERVICE));
      await this.stack.start();
    } catch (error) {
      await this.fake.stop();
      throw error;
    }
    return this;
  }

  async stop(): Promise<void> {
    await this.stack?.stop();
    await this.fake?.stop();
  }

  /**
   * A new organization and its `signalwire_message_v1` integration, set up through the api as an
   * operator does (apps/e2e/src/backfill/backfill-fixture.ts), all but the last step.
   */
  async prepareIntegration(): Promise<PreparedIntegration> {
    const orgKey = `bench_bf_${randomBytes(4).toString('hex')}`;
    const created = await this.stack.adminClient().createOrganization('Backfill benchmark', orgKey);
    const client: ControlPlaneClient = this.stack.adminClient().withToken(created.token);
    const step = await client.createIntegration(orgKey, 'signalwire_message_v1');
    const { opaque_id: opaqueId, table_name: table } = step.service_integration;
    await client.transition(orgKey, opaqueId, 'api_url', this.fake.space);
    await client.transition(orgKey, opaqueId, 'backfill_key', this.fake.projectId);
    return {
      orgKey,
      opaqueId,
      qualifiedTable: `"whdb_org_${orgKey}"."${table}"`,
      complete: async () => {
        const done = (await client.transition(orgKey, opaqueId, 'backfill_secret', this.fake.apiToken)) as StepBody & { backfill_job_id?: string };
        if (!done.complete || !done.backfill_job_id) throw new Error(`the SignalWire setup did not start a backfill: ${JSON.stringify(done)}`);
        return done.backfill_job_id;
      },
    };
  }

  /** The job as the backfiller recorded it (its own start and end, in Postgres's clock). */
  static async jobRow(probe: TableProbe, jobId: string): Promise<{ status: string; pages: number; rows: number; runSeconds: number | null }> {
    const [row] = await probe.query<{ status: string; pages: number; rows: string; run_seconds: string | null }>(
      'SELECT status, pages, rows::text AS rows, extract(epoch FROM finished_at - started_at)::text AS run_seconds FROM whdb.backfill_jobs WHERE opaque_id = $1',
      [jobId],
    );
    if (!row) throw new Error(`no backfill job ${jobId}`);
    return { status: row.status, pages: row.pages, rows: Number(row.rows), runSeconds: row.run_seconds === null ? null : Number(row.run_seconds) };
  }
}
