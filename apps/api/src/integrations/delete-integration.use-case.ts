import { randomUUID } from 'node:crypto';
import { EMPTY_STEP, SecretBox } from '@whdb/core';
import { Database, destroyIntegrationTree, ServiceIntegrationRepository } from '@whdb/persistence';
import { currentCorrelationId } from '@whdb/platform';
import { PromptRequiredError } from '../http/prompt-required.error';
import { OrganizationRef } from '../organizations/organization-access';
import { OutboxRelay } from '../outbox/outbox-relay';
import { lookupIntegration } from './integration-lookup';
import { ReplicatorCatalog } from './replicator-catalog';

/**
 * `POST .../{sint}/delete {confirm}` (docs/behaviour/integrations-api.md#delete): `confirm` must
 * equal the table name. Dependents go first (depth first), then each table is dropped and each
 * integration (with its secrets) deleted, in one transaction (`destroyIntegrationTree`). Every
 * dropped row is announced as a `d` row-change event (docs/topics.md#deletes-and-tombstones),
 * recorded in the outbox by that transaction and published right after the commit.
 */
export class DeleteIntegrationUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
    private readonly relay: OutboxRelay,
    private readonly catalog: ReplicatorCatalog,
  ) {}

  async execute(organization: OrganizationRef, ref: string, confirm: unknown, requestPath: string): Promise<{ message: string }> {
    const { settings } = await lookupIntegration(new ServiceIntegrationRepository(this.dataSource, this.secretBox), organization.id, ref, this.catalog);
    if (typeof confirm !== 'string' || confirm.trim() !== settings.tableName) {
      throw new PromptRequiredError(
        'confirm',
        {
          ...EMPTY_STEP,
          needsInput: true,
          prompt: `Please confirm by entering the table name ${settings.tableName}:`,
          postToUrl: requestPath,
          postParamsValueKey: 'confirm',
          output: `WARNING: this deletes the integration ${settings.opaqueId}, its secrets, the table ${settings.tableName} and every integration that depends on it, with their tables.`,
        },
        'Please confirm the deletion by entering the table name.',
      );
    }
    const { dropped, outbox } = await destroyIntegrationTree(this.dataSource, this.secretBox, settings, organization.key, {
      remoteKeyColumnOf: (serviceName) => this.catalog.find(serviceName)?.schema.remoteKey.name,
      correlationId: currentCorrelationId() ?? randomUUID(),
      eventSource: '/whdb/api',
    });
    await this.relay.publishNow(outbox);
    return { message: `You have deleted all secrets for ${settings.serviceName} and the tables ${dropped.join(', ')} have been dropped.` };
  }
}
