/**
 * The shared replicator contract suite (docs/behaviour/replicator-framework.md#contract-suite), as
 * Jest `describe` factories a replicator's `*.contract.int-spec.ts` calls. Writes go exactly the
 * projector's way (`resourcesFrom` -> `planProjectionWrites` -> `ProjectionWriter`) into a table from
 * `createReplicatorTable` in a fresh organization schema; backfills run `runBackfill` over the real
 * `FetchHttpClient` against a fake provider.
 *
 * Groups covered (WebhookDB's shared examples): "a replicator" (itBehavesLikeAReplicator), "...
 * that prevents overwriting new data with old" (itPreventsOverwritingNewDataWithOld), and beyond
 * WebhookDB its same-second rule (itAppliesSameSecondUpdates, docs/behaviour/upserts.md#same-second-updates), "... that can
 * backfill" (itCanBackfill), "... that may have a minimal body" (itAcceptsMinimalBodies), "... that
 * deals with resources and wrapped events" (itHandlesResourcesAndWrappedEvents), "... that upserts
 * webhooks only under specific conditions" (itUpsertsOnlyUnderSpecificConditions), "... that
 * verifies backfill secrets" (itVerifiesBackfillSecrets). Beyond those, itStoresEveryRowItPrepares
 * fuzzes resources: whatever `prepareRow` accepts, Postgres stores (docs/bad-input.md).
 * Not applicable to our architecture (no such hook, or owned by an app rather than a replicator):
 * dependents (`on_dependency_webhook_upsert`; dependents consume `whdb.rows.*`), dependency candidates
 * (apps/api), enrichments (no enrichment hook yet), credentials or tables of a dependency (no
 * replicator with a dependency yet), synchronous processing (ingress answers from the payload),
 * incremental backfill (add a group with the first incremental replicator), alerts and ignored
 * backfill errors (no `on_backfill_error`; the backfiller app decides), the "backfill not
 * supported" message (apps/api), deleted rows, partitioning (no such DDL).
 */
export * from './contract-database';
export * from './contract-integration';
export * from './contract-webhook-request';
export * from './contract-backfill';
export * from './it-behaves-like-a-replicator';
export * from './it-prevents-overwriting-new-data-with-old';
export * from './it-applies-same-second-updates';
export * from './it-can-backfill';
export * from './it-accepts-minimal-bodies';
export * from './it-handles-resources-and-wrapped-events';
export * from './it-upserts-only-under-specific-conditions';
export * from './it-verifies-backfill-secrets';
export * from './it-stores-every-row-it-prepares';
