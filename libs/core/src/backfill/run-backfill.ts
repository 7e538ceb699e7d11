import { AppError } from '../errors/app-error';
import { JsonObject } from '../json/json';
import { BackfillContext, BackfillPage } from '../replicator/replicator';
import { assertCanBackfill, assertPageShape, BackfillableReplicator, FetchBackfillPage } from './backfill-preconditions';
import { DEFAULT_PAGE_RETRY_POLICY, PageRetryPolicy, pageRetryWaitMs } from './page-retry-policy';

/**
 * The generic backfill paging loop (docs/behaviour/backfill.md#paging-loop), free of I/O of its
 * own: the replicator fetches pages through `context.http`, `onPage` stores or publishes the items,
 * `sleep` waits between attempts. The backfiller app wraps it with job bookkeeping
 * (started/finished, cascade).
 *
 * - Preconditions (docs/behaviour/backfill.md#preconditions): backfill supported; credentials
 *   present unless there is a dependency (`CredentialsMissingError`), checked before any request.
 * - The first page is fetched with a null token; every next token is followed until it is blank
 *   (null or ''). A page without an items array is a `TypeError`. A provider repeating the token it
 *   was just given would loop forever, so that raises `invariant_violated`.
 * - Each page fetch is retried within the run per `page-retry-policy.ts`: at most 3 attempts with
 *   waits of 1 s and 2 s, for every HTTP error but 401 and for unreachable providers, honouring
 *   `Retry-After`. That satisfies the contract group "a replicator that can backfill" exactly — a
 *   page failing twice then succeeding waits exactly twice; a 4xx page error is raised after two
 *   waits — while the error's own `retriable` flag still decides whether the *job* is retried later
 *   (4xx: no; 5xx/429: yes).
 * - Errors from `onPage` are not retried here: the caller's storage has its own policy.
 * - `maxPages` stops early (WebhookDB's regression mode fetches one page).
 * - Resuming (docs/behaviour/backfill.md#resume): `startToken` is the cursor a killed run stored
 *   after its last published page; the loop fetches that page first, never the earlier ones.
 *   `onPage` receives each page's next token (null on the last page) so the caller can store it
 *   once the page's items are durable.
 */
export interface RunBackfillOptions {
  /**
   * Called once per fetched page, in order, before the next page is requested, with the token of
   * the next page (null when this page is the last one, or `maxPages` was reached).
   */
  readonly onPage: (items: readonly JsonObject[], nextToken: string | null) => Promise<void>;
  /** The token of the first page to fetch (a stored cursor); null or absent starts at the beginning. */
  readonly startToken?: string | null;
  /** Waits between attempts; defaults to a real timer. Tests pass a recorder. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Attempts per page, the first included (default 3). */
  readonly maxAttemptsPerPage?: number;
  /** Wait after failed attempt number `attempt` (1-based); default `attempt * 1000`. */
  readonly retryDelayMs?: (attempt: number) => number;
  /** A `Retry-After` longer than this is not waited for in-run: the error is raised (default 60 s). */
  readonly maxRetryAfterMs?: number;
  /** Stop after this many pages even if there is a next token. */
  readonly maxPages?: number;
}

export interface BackfillRunResult {
  readonly pages: number;
  readonly items: number;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function runBackfill(replicator: BackfillableReplicator, context: BackfillContext, options: RunBackfillOptions): Promise<BackfillRunResult> {
  const fetchPage = assertCanBackfill(replicator, context.integration);
  const policy: PageRetryPolicy = {
    maxAttemptsPerPage: Math.max(1, options.maxAttemptsPerPage ?? DEFAULT_PAGE_RETRY_POLICY.maxAttemptsPerPage),
    retryDelayMs: options.retryDelayMs ?? DEFAULT_PAGE_RETRY_POLICY.retryDelayMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_PAGE_RETRY_POLICY.maxRetryAfterMs,
  };
  const sleep = options.sleep ?? realSleep;
  const name = replicator.descriptor.name;
  let token: string | null = options.startToken === '' ? null : (options.startToken ?? null);
  let pages = 0;
  let items = 0;
  for (;;) {
    const page = await fetchWithRetries(fetchPage, context, token, policy, sleep);
    assertPageShape(page, name);
    pages += 1;
    items += page.items.length;
    const next = page.nextToken === '' || page.nextToken === undefined ? null : page.nextToken;
    if (next !== null && next === token) throw new AppError('invariant_violated', `${name} returned the page token it was given as the next token; stopping to avoid an endless backfill`);
    const last = next === null || (options.maxPages !== undefined && pages >= options.maxPages);
    await options.onPage(page.items, last ? null : next);
    if (last) break;
    token = next;
  }
  return { pages, items };
}

async function fetchWithRetries(
  fetchPage: FetchBackfillPage,
  context: BackfillContext,
  token: string | null,
  policy: PageRetryPolicy,
  sleep: (ms: number) => Promise<void>,
): Promise<BackfillPage> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fetchPage(context, token);
    } catch (error) {
      const waitMs = pageRetryWaitMs(error, attempt, policy);
      if (waitMs === null) throw error;
      await sleep(waitMs);
    }
  }
}
