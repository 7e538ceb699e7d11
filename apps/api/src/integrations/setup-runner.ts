import { authedApiPath, BackfillJobRecord, IntegrationSettings, isSuccessful, Replicator, StateMachineStep } from '@whdb/core';
import { ServiceIntegrationRepository } from '@whdb/persistence';
import { BackfillJobEnqueuer, BackfillJobOptions } from '../backfill/backfill-job-enqueuer';
import { MachineKind, SetupMachines } from './setup-machines';

/** A machine's step, the settings after it ran, and the job it started (if any). */
export interface MachineRun {
  readonly step: StateMachineStep;
  readonly settings: IntegrationSettings;
  readonly job: BackfillJobRecord | null;
}

/** Which integration a machine runs for. */
export interface MachineTarget {
  readonly replicator: Replicator;
  readonly settings: IntegrationSettings;
  readonly repository: ServiceIntegrationRepository;
  readonly organizationKey: string;
}

/**
 * Runs a setup machine and starts what its completion promises
 * (docs/behaviour/state-machines.md#backfill-on-completion): whenever the **backfill** machine
 * answers a successful step (complete, no error code), a backfill job tree is created and
 * enqueued, exactly as `POST .../backfill` does. The webhook machine never starts a job.
 */
export class SetupRunner {
  constructor(
    readonly machines: SetupMachines,
    private readonly enqueuer: BackfillJobEnqueuer,
  ) {}

  async run(kind: MachineKind, target: MachineTarget, backfill: BackfillJobOptions = { incremental: true }): Promise<MachineRun> {
    const { result, settings } = await this.machines.run(kind, target.replicator, target.settings, target.repository, target.organizationKey);
    const starts = kind === 'backfill' && target.replicator.descriptor.supportsBackfill && isSuccessful(result.step);
    if (!starts) return { step: result.step, settings, job: null };
    const job = await this.enqueuer.enqueue(settings, backfill);
    const output = `${result.step.output}\n\nBackfill job ${job.opaqueId} has been enqueued; its progress is at GET ${authedApiPath(settings.organizationId, settings.opaqueId)}/backfill/job/${job.opaqueId}`;
    return { step: { ...result.step, output: output.trimStart() }, settings, job };
  }

  /** The preferred create machine: the webhook machine, or the backfill machine (and its job) without webhooks. */
  runPreferred(target: MachineTarget): Promise<MachineRun> {
    return this.run(this.machines.preferred(target.replicator), target);
  }
}
