/**
 * Advisory lock keys (two-int form: `pg_advisory_lock(namespace, id)`). The namespace is
 * "whdb" in ASCII so our locks do not collide with other applications sharing the database.
 */
export const ADVISORY_LOCK_NAMESPACE = 0x77686462;

export const ADVISORY_LOCKS = {
  /** Held (session level) while migrations run, so concurrent boots apply them once. */
  migrations: 1,
  /** Held while the webhook logger trims the audit log, so replicas take turns (docs/behaviour/audit-log.md#retention). */
  loggedWebhookTrim: 2,
  /** Held while a reconciler sweeps unconverged channel rows, so replicas take turns (docs/behaviour/channel.md#sweep). */
  channelSweep: 3,
} as const;
