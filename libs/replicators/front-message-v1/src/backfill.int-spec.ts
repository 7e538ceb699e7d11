import { BackfillContext, HttpStatusError, runBackfill } from '@whdb/core';
import { buildFrontMessageV1, contractHttpClient, contractIntegration, CONTRACT_HTTP_TIMEOUT_MS, FakeFrontMessageV1Api, withFake } from '@whdb/testing';
import { frontMessageV1Replicator as replicator } from './front-message-v1.replicator';

const API_KEY = 'test_api_key';

function fakeFrontMessageV1(count: number): () => Promise<FakeFrontMessageV1Api> {
  return () => new FakeFrontMessageV1Api({ apiKey: API_KEY, maxPageSize: 2 }).add(...Array.from({ length: count }, () => buildFrontMessageV1())).start();
}

function context(fake: FakeFrontMessageV1Api, backfillKey = API_KEY): BackfillContext {
  const integration = contractIntegration(replicator, { apiUrl: fake.url, backfillKey });
  return { integration, http: contractHttpClient(), lastBackfilled: null, timeoutMs: CONTRACT_HTTP_TIMEOUT_MS };
}

describe('front_message_v1 backfill against the fake Front API', () => {
  it('pages GET /messages with Bearer auth, following next_cursor until it is null', async () => {
    await withFake(fakeFrontMessageV1(5), async (fake) => {
      const seen: unknown[] = [];
      const result = await runBackfill(replicator, context(fake), { onPage: async (items) => void seen.push(...items.map((i) => i['id'])), sleep: async () => undefined });
      expect(result).toEqual({ pages: 3, items: 5 });
      expect(seen).toEqual(fake.items.map((i) => i['id']));
      const requests = fake.server.requestsTo('/messages');
      expect(requests.map((r) => [r.method, r.query.get('limit'), r.query.has('cursor')])).toEqual([
        ['GET', '100', false],
        ['GET', '100', true],
        ['GET', '100', true],
      ]);
      expect(requests.every((r) => r.headers['authorization'] === `Bearer ${API_KEY}`)).toBe(true);
    });
  });

  it('fails with a 401 for a wrong key, without retrying', async () => {
    await withFake(fakeFrontMessageV1(3), async (fake) => {
      const sleeps: number[] = [];
      const run = runBackfill(replicator, context(fake, 'wrong-key'), { onPage: async () => undefined, sleep: async (ms) => void sleeps.push(ms) });
      await expect(run).rejects.toBeInstanceOf(HttpStatusError);
      await expect(run).rejects.toMatchObject({ status: 401, retriable: false });
      expect(sleeps).toEqual([]);
      expect(fake.server.requests).toHaveLength(1);
    });
  });
});
