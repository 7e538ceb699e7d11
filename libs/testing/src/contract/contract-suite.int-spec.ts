import {
  BackfillContext,
  BackfillPage,
  column,
  defineDescriptor,
  defineSchema,
  expectOk,
  isJsonObject,
  newerThan,
  parseJsonResponse,
  Replicator,
  SetupContext,
  SetupResult,
  Steps,
  verifyBackfillCredentials,
  WebhookResponses,
} from '@whdb/core';
import { FakeHttpServer, RecordedRequest } from '../fakes/fake-http-server';
import { ContractBackfillFake } from './contract-backfill';
import { itAcceptsMinimalBodies } from './it-accepts-minimal-bodies';
import { itAppliesSameSecondUpdates } from './it-applies-same-second-updates';
import { itBehavesLikeAReplicator } from './it-behaves-like-a-replicator';
import { itCanBackfill } from './it-can-backfill';
import { itHandlesResourcesAndWrappedEvents } from './it-handles-resources-and-wrapped-events';
import { itPreventsOverwritingNewDataWithOld } from './it-prevents-overwriting-new-data-with-old';
import { itUpsertsOnlyUnderSpecificConditions } from './it-upserts-only-under-specific-conditions';
import { itVerifiesBackfillSecrets } from './it-verifies-backfill-secrets';

// The suite run against a made-up provider, to show it depends on no real replicator: "gizmos"
// arrive bare or as {type, occurred_at, gizmo}, and list as GET /gizmos?page=<n> with `next_page`.

const schema = defineSchema({
  remoteKey: column('gizmo_id', 'text', { dataKey: 'id' }),
  columns: [
    column('colour', 'text', { optional: true }),
    column('updated_at', 'timestamp', { dataKey: 'updated_at', eventKey: 'occurred_at', optional: true, index: true }),
  ],
  timestampColumn: 'updated_at',
  updateWhere: newerThan('updated_at'),
});

async function fetchGizmoPage(context: BackfillContext, token: string | null): Promise<BackfillPage> {
  const url = `${context.integration.apiUrl}/gizmos?page=${token ?? '1'}`;
  const response = await context.http.request({ method: 'GET', url, headers: { 'x-api-key': context.integration.backfillKey }, timeoutMs: context.timeoutMs });
  const body = parseJsonResponse(expectOk(response, url), url) as { items: []; next_page: string | null };
  return { items: body.items, nextToken: body.next_page };
}

async function gizmoBackfillMachine(context: SetupContext): Promise<SetupResult> {
  if (context.integration.backfillKey === '') return { step: Steps.secretPrompt('API key', context.authedApiPath, 'backfill_key') };
  const check = await verifyBackfillCredentials({ descriptor: gizmoReplicator.descriptor, fetchBackfillPage: fetchGizmoPage }, context);
  if (!check.verified) return { step: Steps.secretPrompt('API key', context.authedApiPath, 'backfill_key', check.message), patch: { backfillKey: '' } };
  return { step: Steps.completed('ok') };
}

const gizmoReplicator: Replicator = {
  descriptor: defineDescriptor({ name: 'gizmo_v1', resourceNameSingular: 'Gizmo', resourceNamePlural: 'Gizmos', supportsWebhooks: true, supportsBackfill: true }),
  schema,
  verifyWebhook: (request, integration) =>
    request.headers['x-gizmo-token'] === integration.webhookSecret && integration.webhookSecret !== '' ? WebhookResponses.ok() : WebhookResponses.error('bad token'),
  resourcesFrom(request) {
    const body = request.body;
    if (!isJsonObject(body)) return null;
    if (isJsonObject(body['gizmo'])) return [{ resource: body['gizmo'], event: body }];
    return typeof body['id'] === 'string' && body['id'].startsWith('gz_') ? [{ resource: body, event: null }] : null;
  },
  fetchBackfillPage: fetchGizmoPage,
  webhookStateMachine: async (context) =>
    context.integration.webhookSecret === '' ? { step: Steps.secretPrompt('token', context.authedApiPath, 'webhook_secret') } : { step: Steps.completed(context.webhookUrl) },
  backfillStateMachine: gizmoBackfillMachine,
};

/** Pages of two gizmos, behind `x-api-key: key`. */
function gizmoFake(count: number): () => Promise<ContractBackfillFake & { url: string }> {
  const gizmos = Array.from({ length: count }, (_, i) => ({ id: `gz_${i}`, colour: 'red', updated_at: '2024-01-01T00:00:00Z' }));
  return async () => {
    const server = new FakeHttpServer((request: RecordedRequest) => {
      if (request.headers['x-api-key'] !== 'key') return { status: 403, body: { error: 'forbidden' } };
      const page = Number(request.query.get('page') ?? '1');
      const next = page * 2 < gizmos.length ? String(page + 1) : null;
      return { status: 200, body: { items: gizmos.slice((page - 1) * 2, page * 2), next_page: next } };
    });
    await server.start();
    return { server, url: server.url, stop: () => server.stop() };
  };
}

const gizmo = { id: 'gz_1', colour: 'blue', updated_at: '2024-01-01T00:00:00Z' };
const envelope = { type: 'gizmo.updated', occurred_at: '2024-02-01T00:00:00Z', gizmo };

itBehavesLikeAReplicator(gizmoReplicator, {
  body: envelope,
  headers: { 'X-Gizmo-Token': 'tok' },
  integration: { webhookSecret: 'tok' },
  expectedData: gizmo,
  expectedRow: { gizmo_id: 'gz_1', colour: 'blue', updated_at: new Date('2024-02-01T00:00:00Z') },
});
itPreventsOverwritingNewDataWithOld(gizmoReplicator, { oldBody: gizmo, newBody: { ...gizmo, colour: 'green', updated_at: '2024-05-01T00:00:00Z' } });
itAppliesSameSecondUpdates(gizmoReplicator, { body: gizmo, tiedBody: { ...gizmo, colour: 'violet' } });
itAcceptsMinimalBodies(gizmoReplicator, { bodies: [{ id: 'gz_a' }, { occurred_at: '2024-01-01T00:00:00Z', gizmo: { id: 'gz_b' } }] });
itHandlesResourcesAndWrappedEvents(gizmoReplicator, { resource: gizmo, envelope });
itUpsertsOnlyUnderSpecificConditions(gizmoReplicator, { incorrectBodies: [{ id: 'other_1' }, 42, []] });
itCanBackfill(gizmoReplicator, {
  fake: gizmoFake(5),
  emptyFake: gizmoFake(0),
  settings: (fake) => ({ apiUrl: fake.url, backfillKey: 'key' }),
  expectedItemsCount: 5,
  expectedPageRequests: 3,
  errorReply: { status: 404, body: { error: 'gone' } },
  pagePathPrefix: '/gizmos',
});
itVerifiesBackfillSecrets(gizmoReplicator, {
  fake: gizmoFake(1),
  correctSettings: (fake) => ({ apiUrl: fake.url, backfillKey: 'key' }),
  incorrectSettings: (fake) => ({ apiUrl: fake.url, backfillKey: 'nope' }),
});

// A webhook-only replicator must not offer backfill hooks ("a replicator", support flags:
// docs/behaviour/replicator-framework.md#contract-suite).
itBehavesLikeAReplicator(
  { ...gizmoReplicator, descriptor: { ...gizmoReplicator.descriptor, name: 'gizmo_webhooks_v1', supportsBackfill: false }, fetchBackfillPage: undefined, backfillStateMachine: undefined },
  { body: gizmo },
);
