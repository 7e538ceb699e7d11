import { randomUUID } from 'node:crypto';
import { AppError, isAppError, isJsonObject, Logger, orgSchemaName, prepareRow, PreparedRow, Replicator, SecretBox, unauthedWebhookPath, WebhookRequest } from '@whdb/core';
import { Database, ProjectionWriter, ServiceIntegrationRepository } from '@whdb/persistence';
import { currentCorrelationId } from '@whdb/platform';
import { ApiOutbox } from '../outbox/api-outbox';
import { OutboxRelay } from '../outbox/outbox-relay';
import { OrganizationRef } from '../organizations/organization-access';
import { lookupIntegration } from './integration-lookup';
import { ReplicatorCatalog } from './replicator-catalog';

const SOMETHING_WRONG = 'Sorry! Looks like something has gone wrong.';

/**
 * `POST .../{sint}/upsert` with the resource as body (docs/behaviour/integrations-api.md#upsert):
 * the body is read exactly as a webhook body (a bare resource or the replicator's event wrapper)
 * and written synchronously through the one write path (`ProjectionWriter`: conditional upsert and
 * row-change events in one transaction), so an older resource never overwrites a newer row. The
 * row-change events are published right after the commit; if Kafka refuses them they wait in the
 * outbox lane -2 of the replicator's projector stream, whose sweeper publishes them.
 */
export class UpsertResourceUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
    private readonly relay: OutboxRelay,
    private readonly catalog: ReplicatorCatalog,
    private readonly logger: Logger,
  ) {}

  async execute(organization: OrganizationRef, ref: string, body: unknown): Promise<{ message: string; changed: number }> {
    const repository = new ServiceIntegrationRepository(this.dataSource, this.secretBox);
    const { settings, replicator } = await lookupIntegration(repository, organization.id, ref, this.catalog);
    if (!isJsonObject(body)) throw new AppError('invalid_input', `The body must be a JSON object: the ${replicator.descriptor.resourceNameSingular} to upsert.`);
    const now = new Date();
    const rows = this.rowsOf(replicator, { method: 'POST', path: unauthedWebhookPath(settings.opaqueId), headers: { 'content-type': 'application/json' }, rawBody: JSON.stringify(body), body }, now);
    const target = { opaqueId: settings.opaqueId, serviceName: settings.serviceName, schema: orgSchemaName(organization.key), table: settings.tableName };
    const correlationId = currentCorrelationId() ?? randomUUID();
    const writer = new ProjectionWriter(this.dataSource, replicator.schema);
    const result = await writer.write(ApiOutbox.upserts(settings.serviceName), [{ target, rows, correlationIds: rows.map(() => correlationId) }], now);
    await this.relay.publishNow(result.outbox);
    const changed = result.changes.reduce((sum, write) => sum + write.changes.length, 0);
    return { message: `You have upserted into ${settings.tableName}.`, changed };
  }

  /** The rows the replicator makes of the body; a body it cannot use is a 400. */
  private rowsOf(replicator: Replicator, request: WebhookRequest, now: Date): PreparedRow[] {
    const plural = replicator.descriptor.resourceNamePlural;
    let rows: PreparedRow[];
    try {
      rows = (replicator.resourcesFrom(request) ?? []).map((item) => prepareRow(replicator, item, now));
    } catch (error) {
      if (isAppError(error) && error.code === 'resource_shape_invalid') {
        throw new AppError('resource_shape_invalid', `${SOMETHING_WRONG} ${error.message}. Check that the body is one of your ${plural}.`);
      }
      this.logger.warn('upsert body could not be read', { replicator: replicator.descriptor.name, error: error instanceof Error ? error.name : 'unknown' });
      throw new AppError('resource_shape_invalid', `${SOMETHING_WRONG} Check that the body is one of your ${plural}.`);
    }
    if (rows.length === 0) throw new AppError('resource_shape_invalid', `${SOMETHING_WRONG} The body holds none of your ${plural}, so nothing was upserted.`);
    return rows;
  }
}
