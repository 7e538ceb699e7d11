/** The schema holding the control-plane tables (docs/behaviour/control-plane.md#tables). */
export const CONTROL_PLANE_SCHEMA = 'whdb';

/**
 * Control-plane table names, in one place. The tables themselves are described once, by the
 * migrations in ../migrations (columns, keys, indexes); repositories read and write them in SQL.
 */
export const CONTROL_PLANE_TABLES = {
  organizations: 'organizations',
  tokens: 'tokens',
  serviceIntegrations: 'service_integrations',
  backfillJobs: 'backfill_jobs',
  backfillJobServiceIntegrationLocks: 'backfill_job_service_integration_locks',
  idempotencies: 'idempotencies',
  loggedWebhooks: 'logged_webhooks',
  outbox: 'outbox',
  errorHandlers: 'error_handlers',
  analystCredentials: 'analyst_credentials',
  outboundSends: 'outbound_sends',
  temporaryDocuments: 'temporary_documents',
  setupGrants: 'setup_grants',
  channelCommands: 'channel_commands',
  tableRebuilds: 'table_rebuilds',
  integrationHistory: 'integration_history',
} as const;

/** `"whdb"."<table>"` for raw SQL. */
export function controlPlaneTable(table: keyof typeof CONTROL_PLANE_TABLES): string {
  return `"${CONTROL_PLANE_SCHEMA}"."${CONTROL_PLANE_TABLES[table]}"`;
}
