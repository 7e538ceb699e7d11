import { IntegrationSettings } from './integration-settings';
import { Replicator } from './replicator';
import { WebhookRequest } from '../webhooks/webhook-request';
import { WebhookResponse, WebhookResponses } from '../webhooks/webhook-response';

/**
 * docs/behaviour/replicator-framework.md#hooks (skipping verification): an integration with
 * `skip_webhook_verification` answers 201 without verifying (used to replay stale deliveries);
 * otherwise the replicator verifies.
 */
export function webhookResponseFor(replicator: Replicator, request: WebhookRequest, integration: IntegrationSettings, now: Date): WebhookResponse {
  if (integration.skipWebhookVerification) return WebhookResponses.ok(201);
  return replicator.verifyWebhook(request, integration, now);
}
