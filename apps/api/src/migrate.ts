import 'reflect-metadata';
import { connectDatabase, runMigrations } from '@whdb/persistence';
import { createLogger, runMain, loadConfig, defineConfig, url } from '@whdb/platform';

/** `node dist/apps/api/src/migrate.js`: applies control-plane migrations and exits (deploy step). */
runMain(async () => {
  const config = loadConfig(defineConfig({ DATABASE_URL: url({ default: 'postgres://postgres@127.0.0.1:5432/whdb', protocols: ['postgres', 'postgresql'] }) }));
  const logger = createLogger('migrate');
  const dataSource = await connectDatabase(config.DATABASE_URL, { applicationName: 'whdb-migrate', logger });
  try {
    const applied = await runMigrations(dataSource);
    logger.info(applied.length > 0 ? 'applied migrations' : 'schema up to date', { migrations: applied });
  } finally {
    await dataSource.close();
  }
});
