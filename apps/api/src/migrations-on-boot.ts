import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Logger } from '@whdb/core';
import { Database, runMigrations } from '@whdb/persistence';
import { LOGGER } from '@whdb/platform';
import { DATABASE } from '@whdb/service-kit';

/** The api owns the control-plane schema: it applies pending migrations before serving. */
@Injectable()
export class MigrationsOnBoot implements OnModuleInit {
  constructor(
    @Inject(DATABASE) private readonly dataSource: Database,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    const applied = await runMigrations(this.dataSource);
    this.logger.info(applied.length > 0 ? 'applied migrations' : 'schema up to date', { migrations: applied });
  }
}
