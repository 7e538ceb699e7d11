import { BackfillRunResult, IntegrationSettings, ProviderEndpoints, Replicator, runBackfill } from '@whdb/core';
import { FetchHttpClient } from '@whdb/platform';
import { FakeHttpServer } from '../fakes/fake-http-server';
import { ContractDatabase, ContractTable } from './contract-database';

/** A started fake provider: its `FakeHttpServer` (request log, fault injection) and a way to stop it. */
export interface ContractBackfillFake {
  readonly server: FakeHttpServer;
  stop(): Promise<void>;
}

/** Request timeout contract backfills use against local fakes. */
export const CONTRACT_HTTP_TIMEOUT_MS = 5_000;

/** The real outbound client (libs/platform), as the backfiller and the api use it. */
export function contractHttpClient(): FetchHttpClient {
  return new FetchHttpClient({ defaultTimeoutMs: CONTRACT_HTTP_TIMEOUT_MS });
}

/** Starts a fake, runs `fn`, and always stops the fake. */
export async function withFake<F extends ContractBackfillFake, T>(start: () => Promise<F>, fn: (fake: F) => Promise<T>): Promise<T> {
  const fake = await start();
  try {
    return await fn(fake);
  } finally {
    await fake.stop();
  }
}

/**
 * Runs a full backfill the way the backfiller does — `runBackfill` over the real HTTP client —
 * and stores each page the way the projector stores `backfill.resource` events (bare resources).
 * Retry waits are recorded in `sleeps` instead of slept.
 */
export function backfillIntoTable(
  db: ContractDatabase,
  table: ContractTable,
  replicator: Replicator,
  integration: IntegrationSettings,
  sleeps: number[] = [],
  providers?: ProviderEndpoints,
): Promise<BackfillRunResult> {
  const context = { integration, http: contractHttpClient(), lastBackfilled: null, timeoutMs: CONTRACT_HTTP_TIMEOUT_MS, providers };
  return runBackfill(replicator, context, {
    onPage: async (items) => {
      await db.upsertResources(table, replicator, items.map((resource) => ({ resource, event: null })));
    },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}
