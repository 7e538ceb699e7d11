/**
 * Static facts about a replicator (docs/behaviour/replicator-framework.md#descriptor), used in
 * docs, prompts and validation.
 */
export interface ReplicatorDescriptor {
  readonly name: string;
  readonly resourceNameSingular: string;
  readonly resourceNamePlural: string;
  readonly supportsWebhooks: boolean;
  readonly supportsBackfill: boolean;
  readonly dependencyName?: string;
  readonly apiDocsUrl?: string;
  readonly documentationUrl?: string;
  readonly installUrl?: string;
  /** Where providers deliver, when not the generic endpoint `/v1/service_integrations/<opaque_id>` (docs, setup texts). */
  readonly webhookPath?: string;
  readonly featureRoles?: readonly string[];
  /**
   * The backfiller's scheduler runs an incremental, recursive backfill of every integration of this
   * replicator every `SIGNALWIRE_POLL_INTERVAL_SECONDS` (docs/behaviour/backfill.md#scheduler; SPEC 7.1).
   */
  readonly scheduledIncrementalBackfill?: boolean;
}

export function defineDescriptor(descriptor: ReplicatorDescriptor): ReplicatorDescriptor {
  if (!descriptor.supportsWebhooks && !descriptor.supportsBackfill) {
    throw new Error(`Replicator ${descriptor.name} must support webhooks, backfill, or both`);
  }
  if (descriptor.scheduledIncrementalBackfill && !descriptor.supportsBackfill) {
    throw new Error(`Replicator ${descriptor.name} cannot schedule incremental backfills without supporting backfill`);
  }
  if (!/^[a-z][a-z0-9_]*_v\d+$/.test(descriptor.name)) {
    throw new Error(`Replicator name ${descriptor.name} must be snake_case ending in _v<N>`);
  }
  return Object.freeze({ ...descriptor });
}
