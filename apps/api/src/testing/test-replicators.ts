import { column, defineDescriptor, defineSchema, isJsonObject, newerThan, Replicator, ReplicatorDescriptor, ResourceShapeError, Steps, WebhookResponses } from '@whdb/core';

/**
 * Made-up replicators for api tests (docs/behaviour/state-machines.md#dependencies): a chain
 * `fake_parent_v1` <- `fake_child_v1` <- `fake_grandchild_v1` (each depends on the one before), and
 * `fake_webhook_only_v1` without backfill. Resources are `{id, name, updated_at}`; the backfill
 * machine of the parent asks for a key, the others complete once their parent is chosen.
 */
const schema = defineSchema({
  remoteKey: column('fake_id', 'text', { dataKey: 'id' }),
  columns: [column('name', 'text', { optional: true }), column('updated_at', 'timestamp', { optional: true, index: true })],
  timestampColumn: 'updated_at',
  updateWhere: newerThan('updated_at'),
});

function fakeReplicator(descriptor: ReplicatorDescriptor, options: { needsKey: boolean }): Replicator {
  return {
    descriptor,
    schema,
    verifyWebhook: () => WebhookResponses.error('fake replicators take no webhooks'),
    resourcesFrom(request) {
      if (!isJsonObject(request.body)) throw new ResourceShapeError('a fake resource must be a JSON object');
      return [{ resource: request.body, event: null }];
    },
    ...(descriptor.supportsWebhooks ? { webhookStateMachine: async () => ({ step: Steps.completed(`${descriptor.name} is set up.`) }) } : {}),
    ...(descriptor.supportsBackfill
      ? {
          backfillStateMachine: async (context) =>
            options.needsKey && context.integration.backfillKey === ''
              ? { step: Steps.secretPrompt('API key', context.authedApiPath, 'backfill_key') }
              : { step: Steps.completed(`Great! We are going to start backfilling your ${descriptor.resourceNamePlural}.`) },
        }
      : {}),
  };
}

const names = (singular: string, plural: string) => ({ resourceNameSingular: singular, resourceNamePlural: plural });

export const fakeParentReplicator = fakeReplicator(
  defineDescriptor({ name: 'fake_parent_v1', ...names('Fake Parent', 'Fake Parents'), supportsWebhooks: false, supportsBackfill: true }),
  { needsKey: true },
);
export const fakeChildReplicator = fakeReplicator(
  defineDescriptor({ name: 'fake_child_v1', ...names('Fake Child', 'Fake Children'), supportsWebhooks: true, supportsBackfill: true, dependencyName: 'fake_parent_v1' }),
  { needsKey: false },
);
export const fakeGrandchildReplicator = fakeReplicator(
  defineDescriptor({ name: 'fake_grandchild_v1', ...names('Fake Grandchild', 'Fake Grandchildren'), supportsWebhooks: false, supportsBackfill: true, dependencyName: 'fake_child_v1' }),
  { needsKey: false },
);
export const fakeWebhookOnlyReplicator = fakeReplicator(
  defineDescriptor({
    name: 'fake_webhook_only_v1',
    ...names('Fake Event', 'Fake Events'),
    supportsWebhooks: true,
    supportsBackfill: false,
    documentationUrl: 'https://docs.example.test/fake-events',
  }),
  { needsKey: false },
);

export const TEST_REPLICATORS: readonly Replicator[] = [fakeParentReplicator, fakeChildReplicator, fakeGrandchildReplicator, fakeWebhookOnlyReplicator];
