import { CredentialsMissingError, NotImplementedError } from '../errors/app-error';
import { IntegrationSettings } from '../replicator/integration-settings';
import { BackfillPage, Replicator } from '../replicator/replicator';

/** What a replicator must offer to be backfilled. */
export type BackfillableReplicator = Pick<Replicator, 'descriptor' | 'fetchBackfillPage'>;

/** The page fetcher of a replicator that supports backfill. */
export type FetchBackfillPage = NonNullable<Replicator['fetchBackfillPage']>;

/**
 * docs/behaviour/backfill.md#preconditions: backfill must be supported, and an integration with
 * neither `backfill_key` nor `backfill_secret` (blank = empty or whitespace) and no dependency has
 * nothing to authenticate with. Integrations with a dependency take their credentials from the
 * parent.
 */
export function assertCanBackfill(replicator: BackfillableReplicator, integration: IntegrationSettings): FetchBackfillPage {
  const { descriptor, fetchBackfillPage } = replicator;
  if (!descriptor.supportsBackfill || !fetchBackfillPage) throw new NotImplementedError(`backfill of ${descriptor.name}`);
  const blank = (value: string): boolean => value.trim() === '';
  if (blank(integration.backfillKey) && blank(integration.backfillSecret) && integration.dependsOnId === null) {
    throw new CredentialsMissingError(
      `${integration.opaqueId} (${descriptor.name}) has no backfill credentials: set its backfill key or secret before backfilling ${descriptor.resourceNamePlural}.`,
    );
  }
  return fetchBackfillPage;
}

/**
 * docs/behaviour/backfill.md#paging-loop: a page must carry an array of items (an empty one when
 * there are none).
 */
export function assertPageShape(page: BackfillPage, replicatorName: string): void {
  if (!Array.isArray(page?.items)) {
    throw new TypeError(`${replicatorName} fetchBackfillPage returned no items list; it should return an empty array`);
  }
}
