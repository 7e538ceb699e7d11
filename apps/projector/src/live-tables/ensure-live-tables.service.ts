import { OnModuleInit } from '@nestjs/common';
import { Logger, Replicator } from '@whdb/core';
import { Database, ensureColumns, ProjectionTargetRepository, replicatorTableExists } from '@whdb/persistence';

/**
 * Brings every live table of this projector's replicator up to the columns and indexes this
 * release declares, before the projector consumes anything (docs/behaviour/replicator-framework.md#adding-columns):
 * a column added by a release reaches every existing integration's table, filled from each row's
 * `data` in SQL, in primary-key chunks. Nest runs every `onModuleInit` before any
 * `onApplicationBootstrap`, where the consumer starts, so no write precedes its column. A table
 * that cannot be brought up to date fails the boot, loudly. An integration whose table does not
 * exist (being created or deleted by the api) is skipped: creating tables is the api's job.
 * Replicas booting together are serialized per table by `ensureColumns`'s advisory lock.
 */
export class EnsureLiveTablesService implements OnModuleInit {
  constructor(
    private readonly database: Database,
    private readonly replicator: Replicator,
    private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    const serviceName = this.replicator.descriptor.name;
    const targets = await new ProjectionTargetRepository(this.database).listForService(serviceName);
    let changed = 0;
    for (const target of targets) {
      if (!(await replicatorTableExists(this.database, target))) {
        this.logger.warn('integration without a table; skipped', { opaque_id: target.opaqueId, schema: target.schema, table: target.table });
        continue;
      }
      const result = await ensureColumns(this.database, { schema: target.schema, table: target.table, opaqueId: target.opaqueId, replicatorSchema: this.replicator.schema }, { logger: this.logger });
      if (result.created || result.addedColumns.length > 0 || result.createdIndexes.length > 0) changed += 1;
    }
    this.logger.info('live tables match this release', { service_name: serviceName, tables: targets.length, changed });
  }
}
