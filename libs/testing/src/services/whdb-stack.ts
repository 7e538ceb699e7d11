import { randomBytes } from 'node:crypto';
import { freePort } from '../net/free-port';
import { ControlPlaneClient } from '../http/control-plane-client';
import { ServiceProcess } from './service-process';

export interface WhdbStackOptions {
  readonly kafkaBrokers: string;
  readonly databaseUrl: string;
  /** Projectors to run (one process each). Default: increase_account_v1. */
  readonly replicators?: readonly string[];
  /** Extra environment for every service (e.g. WHDB_MAX_BODY_BYTES). */
  readonly env?: Readonly<Record<string, string>>;
  /** Extra environment for the ingress only, or the projectors only (e.g. a DATABASE_URL through a `TcpFaultProxy`). */
  readonly ingressEnv?: Readonly<Record<string, string>>;
  readonly projectorEnv?: Readonly<Record<string, string>>;
  /** How long each service may take to become ready. Default 90 s (a busy machine may need more). */
  readonly startTimeoutMs?: number;
  /** Extra `node` flags for every service (profiling). */
  readonly nodeArgs?: readonly string[];
  /** Projector processes per replicator (one consumer group; partitions are split between them). Default 1. */
  readonly projectorReplicas?: number;
  /** Also run the webhook logger (the audit log writer, docs/behaviour/audit-log.md). Default false. */
  readonly webhookLogger?: boolean;
  /** Also run the channel's reconciler (docs/behaviour/channel.md), with this extra environment. Default: not run. */
  readonly reconciler?: boolean | Readonly<Record<string, string>>;
  /** Also run the outbound sender (docs/behaviour/outbound-sender.md), with this extra environment. Default: not run. */
  readonly outboundSender?: boolean | Readonly<Record<string, string>>;
  /** Also run the backfiller (docs/behaviour/backfill.md), with this extra environment. Default: not run. */
  readonly backfiller?: boolean | Readonly<Record<string, string>>;
  /** Backfiller processes (one consumer group; they share the jobs). Default 1. */
  readonly backfillerReplicas?: number;
  /** Also run the history writer (docs/behaviour/history.md), with this extra environment. Default: not run. */
  readonly historyWriter?: boolean | Readonly<Record<string, string>>;
}

/**
 * The whole system as separate processes (api, ingress, one projector per replicator) on free
 * ports, configured only through environment variables, as an operator would run it.
 */
export class WhdbStack {
  readonly adminToken = `admin_${randomBytes(16).toString('hex')}`;
  readonly encryptionKey = randomBytes(32).toString('base64');
  api!: ServiceProcess;
  ingress!: ServiceProcess;
  /** Set when started with `webhookLogger: true`. */
  webhookLogger: ServiceProcess | undefined;
  /** Set when started with `reconciler`. */
  reconciler: ServiceProcess | undefined;
  /** Set when started with `outboundSender`. */
  outboundSender: ServiceProcess | undefined;
  /** Set when started with `historyWriter`. */
  historyWriter: ServiceProcess | undefined;
  /** Every backfiller process (when started with `backfiller`), the first being `backfiller`. */
  readonly backfillers: ServiceProcess[] = [];
  readonly projectors = new Map<string, ServiceProcess>();
  /** Every projector process of a replicator, the first being `projector(name)`. */
  readonly projectorReplicas = new Map<string, ServiceProcess[]>();
  private ports = { api: 0, ingress: 0 };

  constructor(private readonly options: WhdbStackOptions) {}

  get apiUrl(): string {
    return `http://127.0.0.1:${this.ports.api}`;
  }

  get ingressUrl(): string {
    return `http://127.0.0.1:${this.ports.ingress}`;
  }

  /** A client holding the admin token. */
  adminClient(): ControlPlaneClient {
    return new ControlPlaneClient(this.apiUrl, this.adminToken);
  }

  /** The first backfiller process. */
  get backfiller(): ServiceProcess {
    const found = this.backfillers[0];
    if (!found) throw new Error('no backfiller in this stack');
    return found;
  }

  projector(serviceName = 'increase_account_v1'): ServiceProcess {
    const found = this.projectors.get(serviceName);
    if (!found) throw new Error(`no projector for ${serviceName} in this stack`);
    return found;
  }

  private env(extra: Record<string, string>): Record<string, string> {
    return {
      DATABASE_URL: this.options.databaseUrl,
      KAFKA_BROKERS: this.options.kafkaBrokers,
      WHDB_ENCRYPTION_KEY: this.encryptionKey,
      WHDB_ADMIN_TOKEN: this.adminToken,
      WHDB_PUBLIC_URL: this.ingressUrl,
      LOG_LEVEL: 'info',
      ...this.options.env,
      ...extra,
    };
  }

  /** Starts every process; when one fails to start, stops those already running before rethrowing. */
  async start(): Promise<this> {
    try {
      return await this.startAll();
    } catch (error) {
      await this.stop().catch(() => undefined);
      throw error;
    }
  }

  private async startAll(): Promise<this> {
    this.ports = { api: await freePort(), ingress: await freePort() };
    // The api migrates the control-plane schema, so it goes first.
    const timeoutMs = this.options.startTimeoutMs ?? 90_000;
    this.api = await new ServiceProcess({ app: 'api', nodeArgs: this.options.nodeArgs, env: this.env({ API_PORT: String(this.ports.api) }), probeUrl: this.apiUrl }).start(timeoutMs);
    this.ingress = new ServiceProcess({ app: 'ingress', nodeArgs: this.options.nodeArgs, env: this.env({ ...this.options.ingressEnv, INGRESS_PORT: String(this.ports.ingress) }), probeUrl: this.ingressUrl });
    const replicas = this.options.projectorReplicas ?? 1;
    const projectors = await Promise.all(
      (this.options.replicators ?? ['increase_account_v1']).flatMap((serviceName) =>
        Array.from({ length: replicas }, async (_, replica) => {
          const port = await freePort();
          const process = new ServiceProcess({
            app: 'projector',
            nodeArgs: this.options.nodeArgs,
            label: replicas === 1 ? `projector-${serviceName}` : `projector-${serviceName}-${replica + 1}`,
            env: this.env({ ...this.options.projectorEnv, WHDB_REPLICATOR: serviceName, PROBE_PORT: String(port) }),
            probeUrl: `http://127.0.0.1:${port}`,
          });
          if (replica === 0) this.projectors.set(serviceName, process);
          this.projectorReplicas.set(serviceName, [...(this.projectorReplicas.get(serviceName) ?? []), process]);
          return process;
        }),
      ),
    );
    if (this.options.webhookLogger) {
      const port = await freePort();
      this.webhookLogger = new ServiceProcess({ app: 'webhook-logger', nodeArgs: this.options.nodeArgs, env: this.env({ PROBE_PORT: String(port) }), probeUrl: `http://127.0.0.1:${port}` });
    }
    if (this.options.reconciler) {
      const port = await freePort();
      const extra = this.options.reconciler === true ? {} : this.options.reconciler;
      this.reconciler = new ServiceProcess({ app: 'reconciler', nodeArgs: this.options.nodeArgs, env: this.env({ ...extra, PROBE_PORT: String(port) }), probeUrl: `http://127.0.0.1:${port}` });
    }
    if (this.options.outboundSender) {
      const port = await freePort();
      const extra = this.options.outboundSender === true ? {} : this.options.outboundSender;
      this.outboundSender = new ServiceProcess({ app: 'outbound-sender', nodeArgs: this.options.nodeArgs, env: this.env({ ...extra, PROBE_PORT: String(port) }), probeUrl: `http://127.0.0.1:${port}` });
    }
    if (this.options.historyWriter) {
      const port = await freePort();
      const extra = this.options.historyWriter === true ? {} : this.options.historyWriter;
      this.historyWriter = new ServiceProcess({ app: 'history-writer', nodeArgs: this.options.nodeArgs, env: this.env({ ...extra, PROBE_PORT: String(port) }), probeUrl: `http://127.0.0.1:${port}` });
    }
    if (this.options.backfiller) {
      const extra = this.options.backfiller === true ? {} : this.options.backfiller;
      const replicas = this.options.backfillerReplicas ?? 1;
      for (let replica = 0; replica < replicas; replica += 1) {
        const port = await freePort();
        this.backfillers.push(
          new ServiceProcess({
            app: 'backfiller',
            nodeArgs: this.options.nodeArgs,
            label: replicas === 1 ? 'backfiller' : `backfiller-${replica + 1}`,
            env: this.env({ ...extra, PROBE_PORT: String(port) }),
            probeUrl: `http://127.0.0.1:${port}`,
          }),
        );
      }
    }
    await Promise.all([
      this.ingress.start(timeoutMs),
      ...projectors.map((p) => p.start(timeoutMs)),
      this.webhookLogger?.start(timeoutMs),
      this.reconciler?.start(timeoutMs),
      this.outboundSender?.start(timeoutMs),
      this.historyWriter?.start(timeoutMs),
      ...this.backfillers.map((b) => b.start(timeoutMs)),
    ]);
    return this;
  }

  async stop(): Promise<void> {
    await Promise.all([this.ingress?.stop(), this.webhookLogger?.stop(), this.reconciler?.stop(), this.outboundSender?.stop(), this.historyWriter?.stop(), ...this.backfillers.map((b) => b.stop()), ...[...this.projectorReplicas.values()].flat().map((p) => p.stop())]);
    await this.api?.stop();
  }

  /** Every service's recent output, for failing tests. */
  logs(): string {
    return [this.api, this.ingress, this.webhookLogger, this.reconciler, this.outboundSender, this.historyWriter, ...this.backfillers, ...[...this.projectorReplicas.values()].flat()].filter((p): p is ServiceProcess => Boolean(p)).map((p) => p.logTail()).join('\n');
  }
}
