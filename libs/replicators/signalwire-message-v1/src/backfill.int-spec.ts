import { BackfillContext, HttpStatusError, runBackfill } from '@whdb/core';
import { buildSignalwireMessage, contractHttpClient, contractIntegration, CONTRACT_HTTP_TIMEOUT_MS, FakeSignalwire, generatedSignalwireHistory, withFake } from '@whdb/testing';
import { fetchSignalwireMessagePage } from './backfill';
import { signalwireMessageV1Replicator as replicator } from './signalwire-message-v1.replicator';

const start = (setup: (fake: FakeSignalwire) => void = () => undefined) => async () => {
  const fake = new FakeSignalwire();
  setup(fake);
  return fake.start();
};

function context(fake: FakeSignalwire, overrides: { backfillSecret?: string; lastBackfilled?: Date | null; apiUrl?: string } = {}): BackfillContext {
  const integration = contractIntegration(replicator, { apiUrl: overrides.apiUrl ?? fake.space, backfillKey: fake.projectId, backfillSecret: overrides.backfillSecret ?? fake.apiToken });
  return { integration, http: contractHttpClient(), lastBackfilled: overrides.lastBackfilled ?? null, timeoutMs: CONTRACT_HTTP_TIMEOUT_MS, providers: fake.providers };
}

async function collect(ctx: BackfillContext, sleeps: number[] = []) {
  const sids: string[] = [];
  const result = await runBackfill(replicator, ctx, { onPage: async (items) => void sids.push(...items.map((m) => String(m['sid']))), sleep: async (ms) => void sleeps.push(ms) });
  return { result, sids };
}

describe('signalwire_message_v1 backfill against the fake SignalWire (docs/replicators/signalwire_message_v1.md#backfill)', () => {
  it('asks for page 1 with PageSize=100 and the documented DateSent< filter (now + 2 days), Basic project:token, JSON', async () => {
    await withFake(start((fake) => fake.addMessages(buildSignalwireMessage())), async (fake) => {
      const now = new Date('2024-05-30T23:30:00Z');
      await fetchSignalwireMessagePage(context(fake), null, now);
      const [request] = fake.listRequests();
      expect(request!.path).toBe(`/${fake.space}${fake.messagesPath}`);
      expect(Object.fromEntries(request!.query)).toEqual({ PageSize: '100', 'DateSent<': '2024-06-01' });
      expect(request!.headers['authorization']).toBe(`Basic ${Buffer.from(`${fake.projectId}:${fake.apiToken}`).toString('base64')}`);
      expect(request!.headers['accept']).toBe('application/json');
    });
  });

  it('follows next_page_uri verbatim through a lazily generated history of 1,000 messages, newest first', async () => {
    await withFake(start((fake) => fake.generate(generatedSignalwireHistory({ count: 1000, newest: new Date() }))), async (fake) => {
      const { result, sids } = await collect(context(fake));
      expect(result).toEqual({ pages: 10, items: 1000 });
      expect(new Set(sids).size).toBe(1000);
      expect(sids[0]).toBe(fake.messageAt(0)['sid']);
      const requests = fake.listRequests();
      expect(requests.slice(1).every((r) => r.query.get('PageToken')?.startsWith('PA') && r.query.get('DateSent<') !== null)).toBe(true);
    });
  });

  it('incremental: stops after the page whose oldest message predates the last backfill', async () => {
    const newest = new Date('2024-05-01T12:00:00Z');
    await withFake(start((fake) => fake.generate(generatedSignalwireHistory({ count: 1000, newest, spacingSeconds: 60 }))), async (fake) => {
      // 150 minutes back: messages 0..150 are newer; page 2 (100..199) holds the first older one.
      const lastBackfilled = new Date(newest.getTime() - 150 * 60_000);
      const { result } = await collect(context(fake, { lastBackfilled }));
      expect(result).toEqual({ pages: 2, items: 200 });
      expect(fake.listRequests()).toHaveLength(2);
    });
  });

  it('incremental with nothing new stops after one page; a full backfill takes every page', async () => {
    await withFake(start((fake) => fake.generate(generatedSignalwireHistory({ count: 250, newest: new Date('2024-05-01T12:00:00Z') }))), async (fake) => {
      expect((await collect(context(fake, { lastBackfilled: new Date('2024-06-01T00:00:00Z') }))).result).toEqual({ pages: 1, items: 100 });
      expect((await collect(context(fake))).result).toEqual({ pages: 3, items: 250 });
    });
  });

  it('an empty page ends an incremental run', async () => {
    await withFake(start(), async (fake) => {
      expect((await collect(context(fake, { lastBackfilled: new Date() }))).result).toEqual({ pages: 1, items: 0 });
    });
  });

  it('fails with a 401 for a wrong token, without retrying', async () => {
    await withFake(start((fake) => fake.addMessages(buildSignalwireMessage())), async (fake) => {
      const sleeps: number[] = [];
      const run = collect(context(fake, { backfillSecret: 'PTwrong' }), sleeps);
      await expect(run).rejects.toBeInstanceOf(HttpStatusError);
      await expect(run).rejects.toMatchObject({ status: 401, retriable: false });
      expect(sleeps).toEqual([]);
      expect(fake.listRequests()).toHaveLength(1);
    });
  });

  it('fails with a 404 for an unknown space', async () => {
    await withFake(start(), async (fake) => {
      await expect(fetchSignalwireMessagePage(context(fake, { apiUrl: 'other-space' }), null)).rejects.toMatchObject({ status: 404 });
    });
  });

  it('honours 429 + Retry-After and retries a 5xx, keeping every message', async () => {
    await withFake(start((fake) => fake.generate(generatedSignalwireHistory({ count: 150 }))), async (fake) => {
      fake.rateLimit(1, 4);
      fake.serverError(1, 503);
      const sleeps: number[] = [];
      const { result } = await collect(context(fake), sleeps);
      expect(result).toEqual({ pages: 2, items: 150 });
      expect(sleeps).toEqual([4000, 2000]);
    });
  });

  it('times out on a slow SignalWire (an unreachable provider, retried by the loop)', async () => {
    await withFake(start((fake) => fake.addMessages(buildSignalwireMessage())), async (fake) => {
      fake.server.latencyMs = 500;
      const slow = { ...context(fake), timeoutMs: 100 };
      await expect(fetchSignalwireMessagePage(slow, null)).rejects.toMatchObject({ name: 'HttpUnreachableError' });
    });
  });

  it('never sends the credentials to another host named in next_page_uri', async () => {
    await withFake(start((fake) => fake.addMessages(buildSignalwireMessage())), async (fake) => {
      await fetchSignalwireMessagePage(context(fake), `https://evil.example${fake.messagesPath}?PageSize=100`);
      expect(fake.listRequests()).toHaveLength(1);
    });
  });
});
