import { CredentialsMissingError, HttpStatusError, IntegrationSettings, ProviderEndpoints, Replicator } from '@whdb/core';
import { FakeReply } from '../fakes/fake-http-server';
import { backfillIntoTable, ContractBackfillFake, withFake } from './contract-backfill';
import { useContractDatabase } from './contract-database';
import { contractIntegration } from './contract-integration';

export interface CanBackfillOptions<F extends ContractBackfillFake> {
  /** Distinguishes several calls in one file (e.g. two pagination styles). */
  readonly title?: string;
  /** Starts a fake provider holding the items a full backfill must fetch. */
  readonly fake: () => Promise<F>;
  /** Starts a fake provider with no items; omit when the API has no logical empty state. */
  readonly emptyFake?: () => Promise<F>;
  /** Settings pointing the integration at the fake (api url, backfill key and secret). */
  readonly settings: (fake: F) => Partial<IntegrationSettings>;
  readonly expectedItemsCount: number;
  /** Page requests a full backfill makes; checked when given ("every stubbed request is made"). */
  readonly expectedPageRequests?: number;
  /** The "4xx page error" the fake answers with (default 400). */
  readonly errorReply?: FakeReply;
  /** Injected faults only hit requests under this path (default: every request). */
  readonly pagePathPrefix?: string;
  /** Provider API locations pointing at the fake, for replicators whose base URL comes from config. */
  readonly providers?: (fake: F) => ProviderEndpoints;
}

const RETRY_CASES: readonly (readonly [string, FakeReply, readonly number[]])[] = [
  ['HTTP 500', { status: 500, body: { error: 'boom' } }, [1000, 2000]],
  ['HTTP 429 with Retry-After: 3', { status: 429, body: { error: 'slow down' }, headers: { 'retry-after': '3' } }, [3000, 3000]],
];

/**
 * The contract group "a replicator that can backfill"
 * (docs/behaviour/replicator-framework.md#contract-suite), over real HTTP (FetchHttpClient against
 * a fake provider) with the core paging loop, storing pages the way the projector stores backfilled
 * resources. Each test gets a fresh fake and table. Retry waits are recorded, not slept. Skipped:
 * the job's `started_at`/`finished_at` belong to the backfiller app's job bookkeeping, not to the
 * replicator. Added: a 401 is never retried (docs/behaviour/backfill.md#page-retries).
 */
export function itCanBackfill<F extends ContractBackfillFake>(replicator: Replicator, options: CanBackfillOptions<F>): void {
  const title = options.title ? ` (${options.title})` : '';
  describe(`${replicator.descriptor.name}: a replicator that can backfill${title}`, () => {
    const db = useContractDatabase('ct_bf');
    const integrationFor = (fake: F, overrides: Partial<IntegrationSettings> = {}): IntegrationSettings =>
      contractIntegration(replicator, { ...options.settings(fake), ...overrides });
    const pageRequests = (fake: F) => (options.pagePathPrefix ? fake.server.requestsTo(options.pagePathPrefix) : fake.server.requests);

    it('upserts every page of results', async () => {
      const table = await db.createTable(replicator);
      await withFake(options.fake, async (fake) => {
        const sleeps: number[] = [];
        const result = await backfillIntoTable(db, table, replicator, integrationFor(fake), sleeps, options.providers?.(fake));
        expect(result.items).toBe(options.expectedItemsCount);
        if (options.expectedPageRequests !== undefined) {
          expect(result.pages).toBe(options.expectedPageRequests);
          expect(pageRequests(fake)).toHaveLength(options.expectedPageRequests);
        }
        expect(sleeps).toEqual([]);
      });
      expect(await db.rows(table)).toHaveLength(options.expectedItemsCount);
    });

    (options.emptyFake ? it : it.skip)('handles empty responses', async () => {
      const table = await db.createTable(replicator);
      await withFake(options.emptyFake!, async (fake) => {
        await backfillIntoTable(db, table, replicator, integrationFor(fake), [], options.providers?.(fake));
        expect(pageRequests(fake).length).toBeGreaterThanOrEqual(1);
      });
      expect(await db.rows(table)).toHaveLength(0);
    });

    it.each(RETRY_CASES)('retries a page fetch failing twice with %s: exactly two waits, every row arrives', async (_name, reply, waits) => {
      const table = await db.createTable(replicator);
      await withFake(options.fake, async (fake) => {
        fake.server.inject({ reply, pathPrefix: options.pagePathPrefix }, 2);
        const sleeps: number[] = [];
        await backfillIntoTable(db, table, replicator, integrationFor(fake), sleeps, options.providers?.(fake));
        expect(sleeps).toEqual(waits);
      });
      expect(await db.rows(table)).toHaveLength(options.expectedItemsCount);
    });

    it('raises CredentialsMissing with a blank key and secret and no dependency, before any request', async () => {
      const table = await db.createTable(replicator);
      await withFake(options.fake, async (fake) => {
        const integration = integrationFor(fake, { backfillKey: '', backfillSecret: '', dependsOnId: null });
        await expect(backfillIntoTable(db, table, replicator, integration, [], options.providers?.(fake))).rejects.toBeInstanceOf(CredentialsMissingError);
        expect(fake.server.requests).toHaveLength(0);
      });
    });

    it('raises an HTTP error for a 4xx page error after two retry waits', async () => {
      const table = await db.createTable(replicator);
      const reply = options.errorReply ?? { status: 400, body: { error: 'bad request' } };
      await withFake(options.fake, async (fake) => {
        fake.server.inject({ reply, pathPrefix: options.pagePathPrefix }, 10);
        const sleeps: number[] = [];
        const failure = backfillIntoTable(db, table, replicator, integrationFor(fake), sleeps, options.providers?.(fake));
        await expect(failure).rejects.toBeInstanceOf(HttpStatusError);
        await expect(failure).rejects.toMatchObject({ status: reply.status });
        expect(sleeps).toHaveLength(2);
        expect(pageRequests(fake).length).toBeGreaterThanOrEqual(1);
      });
    });

    it('never retries a 401 (docs/behaviour/backfill.md#page-retries)', async () => {
      const table = await db.createTable(replicator);
      await withFake(options.fake, async (fake) => {
        fake.server.inject({ reply: { status: 401, body: { error: 'unauthorized' } }, pathPrefix: options.pagePathPrefix }, 10);
        const sleeps: number[] = [];
        await expect(backfillIntoTable(db, table, replicator, integrationFor(fake), sleeps, options.providers?.(fake))).rejects.toMatchObject({ status: 401 });
        expect(sleeps).toEqual([]);
        expect(pageRequests(fake)).toHaveLength(1);
      });
    });
  });
}
