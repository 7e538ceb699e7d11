/**
 * The shared replicator contract suite (SPEC 4), as Jest `describe` factories a replicator's
 * `*.contract.int-spec.ts` calls. Writes go exactly the projector's way (`resourcesFrom` ->
 * `prepareRow` -> `upsertRows`) into a table from `createReplicatorTable` in a fresh organization
 * schema; backfills run `runBackfill` over the real `FetchHttpClient` against a fake provider.
 *
 * Groups covered: 1 (itBehavesLikeAReplicator), 4 (itPreventsOverwritingNewDataWithOld),
 * 5 (itCanBackfill), 6 (itAcceptsMinimalBodies), 7 (itHandlesResourcesAndWrappedEvents),
 * 9 (itUpsertsOnlyUnderSpecificConditions), 15 (itVerifiesBackfillSecrets); beyond SPEC 4,
 * itStoresEveryRowItPrepares fuzzes resources (docs/bad-input.md).
 * Not applicable to our architecture (no such hook, or owned by an app rather than a replicator):
 * 2 dependents (`on_dependency_webhook_upsert`; dependents consume `whdb.rows.*`), 3 dependency
 * candidates (apps/api), 8 enrichments (no enrichment hook yet), 10/12/19 credentials or tables of
 * a dependency (no replicator with a dependency yet), 11 synchronous processing (ingress answers
 * from the payload), 13 incremental backfill (add a group with the first incremental replicator),
 * 14 alerts and 18 ignored backfill errors (no `on_backfill_error`; the backfiller app decides),
 * 16 "backfill not supported" message (apps/api), 17 deleted rows, 20 partitioning (no such DDL).
 */
export * from './contract-database';
export * from './contract-integration';
export * from './contract-webhook-request';
export * from './contract-backfill';
export * from './it-behaves-like-a-replicator';
export * from './it-prevents-overwriting-new-data-with-old';
export * from './it-can-backfill';
export * from './it-accepts-minimal-bodies';
export * from './it-handles-resources-and-wrapped-events';
export * from './it-upserts-only-under-specific-conditions';
export * from './it-verifies-backfill-secrets';
export * from './it-stores-every-row-it-prepares';
