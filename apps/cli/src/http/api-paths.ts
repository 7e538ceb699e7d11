import { segment } from './api-client';

/** Paths of the api endpoints the CLI calls (CONTRACT "HTTP: api"; `/openapi.json`), user input escaped. */
export const apiPaths = {
  organizations: () => '/v1/organizations',
  integrations: (org: string) => `/v1/organizations/${segment(org)}/service_integrations`,
  createIntegration: (org: string) => `/v1/organizations/${segment(org)}/service_integrations/create`,
  integration: (org: string, sint: string, action: string) => `/v1/organizations/${segment(org)}/service_integrations/${segment(sint)}/${action}`,
  backfillJob: (org: string, sint: string, jobId: string) => `/v1/organizations/${segment(org)}/service_integrations/${segment(sint)}/backfill/job/${segment(jobId)}`,
  loggedWebhooks: (org: string) => `/v1/organizations/${segment(org)}/logged_webhooks`,
  replayWebhooks: (org: string) => `/v1/organizations/${segment(org)}/logged_webhooks/replay`,
  dbConnection: (org: string) => `/v1/organizations/${segment(org)}/db/connection`,
  rollDbCredentials: (org: string) => `/v1/organizations/${segment(org)}/db/roll_credentials`,
  deadLetters: () => '/v1/admin/dlq',
  redriveDeadLetters: () => '/v1/admin/dlq/redrive',
  setupLinks: (org: string) => `/v1/organizations/${segment(org)}/setup_links`,
};
