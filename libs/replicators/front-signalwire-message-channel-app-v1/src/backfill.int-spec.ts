import { BackfillContext, HttpStatusError, runBackfill } from '@whdb/core';
import { buildFrontSignalwireMessageChannelAppV1, contractHttpClient, contractIntegration, CONTRACT_HTTP_TIMEOUT_MS, FakeFrontSignalwireMessageChannelAppV1Api, withFake } from '@whdb/testing';
import { frontSignalwireMessageChannelAppV1Replicator as replicator } from './front-signalwire-message-channel-app-v1.replicator';

const API_KEY = 'test_api_key';

function fakeFrontSignalwireMessageChannelAppV1(count: number): () => Promise<FakeFrontSignalwireMessageChannelAppV1Api> {
  return () => new FakeFrontSignalwireMessageChannelAppV1Api({ apiKey: API_KEY, maxPageSize: 2 }).add(...Array.from({ length: count }, () => buildFrontSignalwireMessageChannelAppV1())).start();
}

function context(fake: FakeFrontSignalwireMessageChannelAppV1Api, backfillKey = API_KEY): BackfillContext {
  const integration = contractIntegration(replicator, { apiUrl: fake.url, backfillKey });
  return { integration, http: contractHttpClient(), lastBackfilled: null, timeoutMs: CONTRACT_HTTP_TIMEOUT_MS };
}

describe('front_signalwire_message_channel_app_v1 backfill against the fake Front SignalWire API', () => {
  it('pages GET /signalwire_message_channel_apps with Bearer auth, following next_cursor until it is null', async () => {
    await withFake(fakeFrontSignalwireMessageChannelAppV1(5), async (fake) => {
      const seen: unknown[] = [];
      const result = await runBackfill(replicator, context(fake), { onPage: async (items) => void seen.push(...items.map((i) => i['id'])), sleep: async () => undefined });
      expect(result).toEqual({ pages: 3, items: 5 });
      expect(seen).toEqual(fake.items.map((i) => i['id']));
      const requests = fake.server.requestsTo('/signalwire_message_channel_apps');
      expect(requests.map((r) => [r.method, r.query.get('limit'), r.query.has('cursor')])).toEqual([
        ['GET', '100', false],
        ['GET', '100', true],
        ['GET', '100', true],
      ]);
      expect(requests.every((r) => r.headers['authorization'] === `Bearer ${API_KEY}`)).toBe(true);
    });
  });

  it('fails with a 401 for a wrong key, without retrying', async () => {
    await withFake(fakeFrontSignalwireMessageChannelAppV1(3), async (fake) => {
      const sleeps: number[] = [];
      const run = runBackfill(replicator, context(fake, 'wrong-key'), { onPage: async () => undefined, sleep: async (ms) => void sleeps.push(ms) });
      await expect(run).rejects.toBeInstanceOf(HttpStatusError);
      await expect(run).rejects.toMatchObject({ status: 401, retriable: false });
      expect(sleeps).toEqual([]);
      expect(fake.server.requests).toHaveLength(1);
    });
  });
});
