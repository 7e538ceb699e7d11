import { CredentialsMissingError, NotImplementedError } from '../errors/app-error';
import { HttpClient, HttpStatusError, HttpUnreachableError } from '../http/http-client';
import { JsonObject } from '../json/json';
import { defineDescriptor, ReplicatorDescriptor } from '../replicator/descriptor';
import { IntegrationSettings } from '../replicator/integration-settings';
import { BackfillContext, BackfillPage } from '../replicator/replicator';
import { runBackfill, RunBackfillOptions } from './run-backfill';

const descriptor: ReplicatorDescriptor = defineDescriptor({
  name: 'fake_widget_v1',
  resourceNameSingular: 'Widget',
  resourceNamePlural: 'Widgets',
  supportsWebhooks: false,
  supportsBackfill: true,
});

type Step = BackfillPage | Error;

/** A replicator whose page fetches play back a script, recording the tokens it was asked for. */
function scriptedReplicator(script: Step[]) {
  const tokens: (string | null)[] = [];
  return {
    tokens,
    replicator: {
      descriptor,
      async fetchBackfillPage(_context: BackfillContext, token: string | null): Promise<BackfillPage> {
        tokens.push(token);
        const step = script.shift();
        if (step === undefined) throw new Error('script exhausted');
        if (step instanceof Error) throw step;
        return step;
      },
    },
  };
}

const noHttp: HttpClient = { request: () => Promise.reject(new Error('no HTTP in unit tests')) };

function context(overrides: Partial<IntegrationSettings> = {}): BackfillContext {
  const integration: IntegrationSettings = {
    id: 1, organizationId: 1, opaqueId: 'svi_fake', serviceName: descriptor.name, tableName: 'fake_widget_v1_abcd',
    apiUrl: 'https://fake-url.com', backfillKey: 'bfkey', backfillSecret: 'bfsek', webhookSecret: '', webhookdbApiKey: '',
    lastBackfilledAt: null, dependsOnId: null, skipWebhookVerification: false, ...overrides,
  };
  return { integration, http: noHttp, lastBackfilled: null, timeoutMs: 1000 };
}

const items = (...ids: string[]): JsonObject[] => ids.map((id) => ({ id }));
const page = (ids: string[], nextToken: string | null): BackfillPage => ({ items: items(...ids), nextToken });
const http = (status: number, retryAfterSeconds?: number) => new HttpStatusError(status, 'https://fake-url.com/widgets?cursor=x', '{}', retryAfterSeconds);

function harness(script: Step[], extra: Partial<RunBackfillOptions> = {}) {
  const { replicator, tokens } = scriptedReplicator(script);
  const pages: string[][] = [];
  const sleeps: number[] = [];
  const options: RunBackfillOptions = {
    onPage: async (received) => void pages.push(received.map((item) => String(item['id']))),
    sleep: async (ms) => void sleeps.push(ms),
    ...extra,
  };
  return { replicator, tokens, pages, sleeps, run: (ctx: BackfillContext = context()) => runBackfill(replicator, ctx, options) };
}

describe('runBackfill paging (docs/behaviour/backfill.md#paging-loop)', () => {
  it('starts with a null token and follows next tokens until one is null', async () => {
    const h = harness([page(['a', 'b'], 'p2'), page(['c'], 'p3'), page([], null)]);
    await expect(h.run()).resolves.toEqual({ pages: 3, items: 3 });
    expect(h.tokens).toEqual([null, 'p2', 'p3']);
    expect(h.pages).toEqual([['a', 'b'], ['c'], []]);
    expect(h.sleeps).toEqual([]);
  });

  it('treats an empty-string next token as the end', async () => {
    const h = harness([page(['a'], '')]);
    await expect(h.run()).resolves.toEqual({ pages: 1, items: 1 });
  });

  it('stops after maxPages (regression mode fetches one page)', async () => {
    const h = harness([page(['a'], 'p2'), page(['b'], null)], { maxPages: 1 });
    await expect(h.run()).resolves.toEqual({ pages: 1, items: 1 });
    expect(h.tokens).toEqual([null]);
  });

  it('raises a TypeError when a page has no items list', async () => {
    const h = harness([{ items: null as unknown as JsonObject[], nextToken: null }]);
    await expect(h.run()).rejects.toThrow(/should return an empty array/);
  });

  it('refuses to loop forever when the provider repeats the token it was given', async () => {
    const h = harness([page(['a'], 'p2'), page(['b'], 'p2')]);
    await expect(h.run()).rejects.toMatchObject({ code: 'invariant_violated' });
  });

  it('hands each page its next token, null on the last page', async () => {
    const next: (string | null)[] = [];
    const h = harness([page(['a'], 'p2'), page(['b'], '')], { onPage: async (_items, token) => void next.push(token) });
    await h.run();
    expect(next).toEqual(['p2', null]);
  });

  it('hands null as the next token when maxPages stops the run', async () => {
    const next: (string | null)[] = [];
    const h = harness([page(['a'], 'p2')], { maxPages: 1, onPage: async (_items, token) => void next.push(token) });
    await h.run();
    expect(next).toEqual([null]);
  });

  it('resumes from a stored cursor without fetching the pages before it (docs/behaviour/backfill.md#resume)', async () => {
    const h = harness([page(['c'], 'p4'), page(['d'], null)], { startToken: 'p3' });
    await expect(h.run()).resolves.toEqual({ pages: 2, items: 2 });
    expect(h.tokens).toEqual(['p3', 'p4']);
    expect(h.pages).toEqual([['c'], ['d']]);
  });

  it('does not publish the page that repeats its token (a stored cursor must never loop)', async () => {
    const h = harness([page(['a'], 'p2'), page(['b'], 'p2')]);
    await expect(h.run()).rejects.toMatchObject({ code: 'invariant_violated' });
    expect(h.pages).toEqual([['a']]);
  });

  it('does not retry errors raised by onPage', async () => {
    const h = harness([page(['a'], null)], { onPage: () => Promise.reject(new Error('store down')) });
    await expect(h.run()).rejects.toThrow('store down');
    expect(h.tokens).toEqual([null]);
    expect(h.sleeps).toEqual([]);
  });
});

describe('runBackfill preconditions (docs/behaviour/backfill.md#preconditions)', () => {
  it('raises CredentialsMissing with blank key and secret and no dependency, before any fetch', async () => {
    const h = harness([page(['a'], null)]);
    await expect(h.run(context({ backfillKey: '', backfillSecret: '  ' }))).rejects.toBeInstanceOf(CredentialsMissingError);
    expect(h.tokens).toEqual([]);
  });

  it('lets an integration with a dependency backfill without its own credentials', async () => {
    const h = harness([page(['a'], null)]);
    await expect(h.run(context({ backfillKey: '', backfillSecret: '', dependsOnId: 7 }))).resolves.toEqual({ pages: 1, items: 1 });
  });

  it('accepts a secret without a key (and the reverse)', async () => {
    await expect(harness([page([], null)]).run(context({ backfillKey: '' }))).resolves.toEqual({ pages: 1, items: 0 });
    await expect(harness([page([], null)]).run(context({ backfillSecret: '' }))).resolves.toEqual({ pages: 1, items: 0 });
  });

  it('raises not implemented for a replicator without backfill', async () => {
    const webhookOnly = { descriptor: { ...descriptor, supportsBackfill: false, supportsWebhooks: true } };
    await expect(runBackfill(webhookOnly, context(), { onPage: async () => undefined })).rejects.toBeInstanceOf(NotImplementedError);
  });
});

describe('runBackfill page retries (docs/behaviour/backfill.md#page-retries)', () => {
  it('waits exactly twice when a page fails twice with an HTTP error, then keeps every item', async () => {
    const h = harness([page(['a'], 'p2'), http(500), http(503), page(['b', 'c'], null)]);
    await expect(h.run()).resolves.toEqual({ pages: 2, items: 3 });
    expect(h.sleeps).toEqual([1000, 2000]);
    expect(h.tokens).toEqual([null, 'p2', 'p2', 'p2']);
  });

  it('retries an unreachable provider the same way', async () => {
    const h = harness([new HttpUnreachableError('https://fake-url.com', new Error('ECONNREFUSED')), page(['a'], null)]);
    await expect(h.run()).resolves.toEqual({ pages: 1, items: 1 });
    expect(h.sleeps).toEqual([1000]);
  });

  it('raises a 4xx page error after two retry waits', async () => {
    const h = harness([http(400), http(400), http(400), page(['never'], null)]);
    await expect(h.run()).rejects.toMatchObject({ name: 'HttpStatusError', status: 400, retriable: false });
    expect(h.sleeps).toEqual([1000, 2000]);
    expect(h.tokens).toHaveLength(3);
  });

  it('raises a 5xx after the last attempt with its retriable flag intact (the job is retried later)', async () => {
    const h = harness([http(502), http(502), http(502)]);
    await expect(h.run()).rejects.toMatchObject({ status: 502, retriable: true });
    expect(h.sleeps).toHaveLength(2);
  });

  it('never retries a 401', async () => {
    const h = harness([http(401), page(['a'], null)]);
    await expect(h.run()).rejects.toMatchObject({ status: 401 });
    expect(h.sleeps).toEqual([]);
    expect(h.tokens).toEqual([null]);
  });

  it('does not retry errors that are not HTTP errors (bugs, bad shapes)', async () => {
    const h = harness([new TypeError('undefined is not a function'), page(['a'], null)]);
    await expect(h.run()).rejects.toBeInstanceOf(TypeError);
    expect(h.sleeps).toEqual([]);
  });

  it('honours Retry-After when it is longer than the backoff', async () => {
    const h = harness([http(429, 5), http(429, 1), page(['a'], null)]);
    await expect(h.run()).resolves.toEqual({ pages: 1, items: 1 });
    expect(h.sleeps).toEqual([5000, 2000]);
  });

  it('raises at once when Retry-After is longer than it is willing to wait in-run', async () => {
    const h = harness([http(429, 3600), page(['a'], null)]);
    await expect(h.run()).rejects.toMatchObject({ status: 429, retriable: true });
    expect(h.sleeps).toEqual([]);
  });

  it('takes the attempt count and delays from the options', async () => {
    const h = harness([http(500), http(500), http(500), http(500), page(['a'], null)], { maxAttemptsPerPage: 5, retryDelayMs: (n) => n * 10 });
    await expect(h.run()).resolves.toEqual({ pages: 1, items: 1 });
    expect(h.sleeps).toEqual([10, 20, 30, 40]);
  });

  it('sleeps for real by default', async () => {
    const { replicator } = scriptedReplicator([http(500), page(['a'], null)]);
    const started = Date.now();
    await runBackfill(replicator, context(), { onPage: async () => undefined, retryDelayMs: () => 20 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });
});
