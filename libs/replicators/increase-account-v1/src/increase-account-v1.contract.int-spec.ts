import { BackfillContext, HttpStatusError, isSuccessful, JsonObject, runBackfill } from '@whdb/core';
import {
  bankSignatureHeader,
  buildIncreaseAccount,
  buildIncreaseAccountEvent,
  contractHttpClient,
  contractIntegration,
  contractSetupContext,
  CONTRACT_HTTP_TIMEOUT_MS,
  FakeIncrease,
  IncreaseCursorStyle,
  itAcceptsMinimalBodies,
  itAppliesSameSecondUpdates,
  itBehavesLikeAReplicator,
  itCanBackfill,
  itHandlesResourcesAndWrappedEvents,
  itPreventsOverwritingNewDataWithOld,
  itStoresEveryRowItPrepares,
  itUpsertsOnlyUnderSpecificConditions,
  itVerifiesBackfillSecrets,
  withFake,
} from '@whdb/testing';
import { INCREASE_DEFAULT_API_URL } from './descriptor';
import { increaseAccountV1Replicator as replicator } from './increase-account-v1.replicator';

const API_KEY = 'bfkey';
const WEBHOOK_SECRET = 'whsec_contract';
const ACCOUNTS = 5;
const PAGE_SIZE = 2;

/** A fake Increase with `count` accounts, paging `PAGE_SIZE` at a time. */
function fakeIncrease(count: number, cursorStyle: IncreaseCursorStyle = 'response_metadata'): () => Promise<FakeIncrease> {
  return async () => {
    const fake = new FakeIncrease({ apiKey: API_KEY, defaultLimit: PAGE_SIZE, cursorStyle });
    for (let i = 0; i < count; i += 1) fake.addAccounts(buildIncreaseAccount());
    return fake.start();
  };
}

const backfillSettings = (fake: FakeIncrease) => ({ apiUrl: fake.url, backfillKey: API_KEY, backfillSecret: 'bfsek' });

// The guide's fixture: an account inside the event wrapper.
const account = buildIncreaseAccount({ balance: 4200, status: 'open' });
const event = buildIncreaseAccountEvent(account, '2024-02-01T00:00:00Z', 'account.created');
const signed = (body: JsonObject) => ({ 'X-Bank-Webhook-Signature': bankSignatureHeader(JSON.stringify(body), WEBHOOK_SECRET) });

itBehavesLikeAReplicator(replicator, {
  body: event,
  headers: signed(event),
  integration: { webhookSecret: WEBHOOK_SECRET },
  expectedData: account,
  expectedRow: {
    increase_id: account['id'],
    balance: 4200,
    entity_id: account['entity_id'],
    status: 'open',
    created_at: new Date('2020-01-31T23:59:59Z'),
    updated_at: new Date('2024-02-01T00:00:00Z'),
  },
});

const newerAccount = { ...account, balance: 9900, status: 'closed' };
itPreventsOverwritingNewDataWithOld(replicator, {
  oldBody: buildIncreaseAccountEvent(account, '2024-01-01T00:00:00Z'),
  newBody: buildIncreaseAccountEvent(newerAccount, '2024-03-01T00:00:00Z'),
  expectedOldData: account,
  expectedNewData: newerAccount,
});

// Two updates stamped in the same second: the second, different one wins; its replay changes nothing.
itAppliesSameSecondUpdates(replicator, {
  body: buildIncreaseAccountEvent(account, '2024-04-01T00:00:00Z'),
  tiedBody: buildIncreaseAccountEvent({ ...account, balance: 1234, status: 'closed' }, '2024-04-01T00:00:00Z'),
  expectedData: account,
  expectedTiedData: { ...account, balance: 1234, status: 'closed' },
});

itAcceptsMinimalBodies(replicator, {
  bodies: [{ id: 'account_minimal_bare' }, { event_id: 'account_event_min', event: 'account.created', created_at: '2024-01-01T00:00:00Z', data: { id: 'account_minimal_wrapped' } }],
});

itHandlesResourcesAndWrappedEvents(replicator, { resource: account, envelope: event });

itStoresEveryRowItPrepares(replicator, { resource: account, wrap: (resource) => buildIncreaseAccountEvent(resource, '2024-02-01T00:00:00Z'), numRuns: 300 });

itUpsertsOnlyUnderSpecificConditions(replicator, {
  incorrectBodies: [
    { id: 'transfer_123', amount: 100 },
    buildIncreaseAccountEvent({ id: 'ach_transfer_456', amount: 5 }, '2024-01-01T00:00:00Z'),
    { name: 'no id at all' },
  ],
});

for (const cursorStyle of ['response_metadata', 'top_level'] as const) {
  itCanBackfill(replicator, {
    title: `next cursor in ${cursorStyle === 'top_level' ? 'top-level next_cursor' : 'response_metadata.next_cursor'}`,
    fake: fakeIncrease(ACCOUNTS, cursorStyle),
    emptyFake: fakeIncrease(0, cursorStyle),
    settings: backfillSettings,
    expectedItemsCount: ACCOUNTS,
    expectedPageRequests: Math.ceil(ACCOUNTS / PAGE_SIZE),
    errorReply: { status: 400, body: { status: 400, type: 'invalid_parameters_error', title: 'Invalid cursor.' } },
    pagePathPrefix: '/accounts',
  });
}

itVerifiesBackfillSecrets(replicator, {
  fake: fakeIncrease(1),
  correctSettings: (fake) => ({ apiUrl: fake.url, backfillKey: API_KEY }),
  incorrectSettings: (fake) => ({ apiUrl: fake.url, backfillKey: 'not-the-key' }),
});

describe('increase_account_v1 backfill against the fake Increase API', () => {
  function context(fake: FakeIncrease, backfillKey = API_KEY): BackfillContext {
    return { integration: contractIntegration(replicator, { ...backfillSettings(fake), backfillKey }), http: contractHttpClient(), lastBackfilled: null, timeoutMs: CONTRACT_HTTP_TIMEOUT_MS };
  }

  it.each(['response_metadata', 'top_level', 'both'] as const)('pages GET /accounts?cursor=... with Bearer auth (%s cursor)', async (style) => {
    await withFake(fakeIncrease(ACCOUNTS, style), async (fake) => {
      const seen: unknown[] = [];
      const result = await runBackfill(replicator, context(fake), { onPage: async (items) => void seen.push(...items.map((a) => a['id'])), sleep: async () => undefined });
      expect(result).toEqual({ pages: 3, items: ACCOUNTS });
      expect(seen).toEqual(fake.accounts.map((a) => a['id']));
      const requests = fake.server.requestsTo('/accounts');
      expect(requests.map((r) => r.query.has('cursor'))).toEqual([false, true, true]);
      expect(requests.every((r) => r.method === 'GET' && r.headers['authorization'] === `Bearer ${API_KEY}`)).toBe(true);
    });
  });

  it('waits out 429 + Retry-After and a 5xx from Increase, and times out on a slow one', async () => {
    await withFake(fakeIncrease(ACCOUNTS), async (fake) => {
      fake.rateLimit(1, 3);
      fake.serverError(1, 502);
      const sleeps: number[] = [];
      await expect(runBackfill(replicator, context(fake), { onPage: async () => undefined, sleep: async (ms) => void sleeps.push(ms) })).resolves.toEqual({ pages: 3, items: ACCOUNTS });
      expect(sleeps).toEqual([3000, 2000]);
      fake.slowDown(300);
      await expect(replicator.fetchBackfillPage!({ ...context(fake), timeoutMs: 50 }, null)).rejects.toMatchObject({ name: 'HttpUnreachableError' });
    });
  });

  it('fails with a 401 for a wrong key, without retrying', async () => {
    await withFake(fakeIncrease(ACCOUNTS), async (fake) => {
      const sleeps: number[] = [];
      const run = runBackfill(replicator, context(fake, 'wrong-key'), { onPage: async () => undefined, sleep: async (ms) => void sleeps.push(ms) });
      await expect(run).rejects.toBeInstanceOf(HttpStatusError);
      await expect(run).rejects.toMatchObject({ status: 401, retriable: false });
      expect(sleeps).toEqual([]);
      expect(fake.server.requests).toHaveLength(1);
    });
  });
});

describe('increase_account_v1 state machines', () => {
  const http = contractHttpClient();

  it('webhook: asks for the secret, then completes naming the webhook URL', async () => {
    const blank = contractSetupContext(contractIntegration(replicator), http);
    const prompt = (await replicator.webhookStateMachine!(blank)).step;
    expect(prompt).toMatchObject({ needsInput: true, promptIsSecret: true, complete: false });
    expect(prompt.postToUrl).toBe(`${blank.authedApiPath}/transition/webhook_secret`);
    expect(prompt.output).toContain(blank.webhookUrl);
    const done = contractSetupContext(contractIntegration(replicator, { webhookSecret: WEBHOOK_SECRET }), http);
    const { step } = await replicator.webhookStateMachine!(done);
    expect(isSuccessful(step)).toBe(true);
    expect(step.output).toContain(done.webhookUrl);
  });

  it('backfill: asks for the API key (secret), then the API url', async () => {
    const noKey = contractSetupContext(contractIntegration(replicator), http);
    const keyStep = (await replicator.backfillStateMachine!(noKey)).step;
    expect(keyStep).toMatchObject({ needsInput: true, promptIsSecret: true, prompt: 'Paste or type your API Key here:', postToUrl: `${noKey.authedApiPath}/transition/backfill_key` });
    const noUrl = contractSetupContext(contractIntegration(replicator, { backfillKey: API_KEY }), http);
    const urlStep = (await replicator.backfillStateMachine!(noUrl)).step;
    expect(urlStep).toMatchObject({ needsInput: true, promptIsSecret: false, prompt: 'Paste or type your API url here:', postToUrl: `${noUrl.authedApiPath}/transition/api_url` });
    expect(urlStep.output).toContain(INCREASE_DEFAULT_API_URL);
  });

  it('backfill: a blank API url means production', () => {
    expect(replicator.normalizeSetting!('api_url', '')).toBe('https://api.increase.com');
    expect(replicator.normalizeSetting!('api_url', 'https://sandbox.increase.com/')).toBe('https://sandbox.increase.com');
    expect(replicator.normalizeSetting!('backfill_key', 'key')).toBe('key');
  });

  it('backfill: a wrong key asks again with "It looks like" and clears the backfill settings', async () => {
    await withFake(fakeIncrease(1), async (fake) => {
      const context = contractSetupContext(contractIntegration(replicator, { apiUrl: fake.url, backfillKey: 'wrong-key', backfillSecret: 'x' }), http);
      const { step, patch } = await replicator.backfillStateMachine!(context);
      expect(step).toMatchObject({ needsInput: true, complete: false, promptIsSecret: true });
      expect(step.output.startsWith('It looks like')).toBe(true);
      expect(patch).toEqual({ apiUrl: '', backfillKey: '', backfillSecret: '' });
      expect(fake.server.requestsTo('/accounts')).toHaveLength(1);
    });
  });

  it('backfill: the right key completes', async () => {
    await withFake(fakeIncrease(1), async (fake) => {
      const context = contractSetupContext(contractIntegration(replicator, { apiUrl: fake.url, backfillKey: API_KEY }), http);
      const { step, patch } = await replicator.backfillStateMachine!(context);
      expect(isSuccessful(step)).toBe(true);
      expect(patch ?? {}).toEqual({});
      expect(fake.server.requestsTo('/accounts')[0]!.headers['authorization']).toBe(`Bearer ${API_KEY}`);
    });
  });
});
