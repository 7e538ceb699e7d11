import {
  IntegrationSettings,
  isJsonObject,
  ResourceAndEvent,
  ResourceShapeError,
  WebhookRequest,
  WebhookResponse,
  WebhookResponses,
} from '@whdb/core';
import { verifyBankSignature } from './bank-webhook-signature';
import { verifyIncreaseSignature } from './increase-webhook-signature';

export const INCREASE_SIGNATURE_HEADER = 'increase-webhook-signature';
export const BANK_SIGNATURE_HEADER = 'x-bank-webhook-signature';

/**
 * Verification on the generic endpoint with the integration's `webhook_secret`
 * (docs/behaviour/signatures.md#which-scheme): the real `Increase-Webhook-Signature` scheme, or the
 * guide's `X-Bank-Webhook-Signature`. Until a secret is set every delivery is refused (an empty
 * HMAC key would be forgeable).
 */
export function verifyIncreaseAccountWebhook(request: WebhookRequest, integration: IntegrationSettings, now: Date): WebhookResponse {
  const increaseHeader = request.headers[INCREASE_SIGNATURE_HEADER];
  const bankHeader = request.headers[BANK_SIGNATURE_HEADER];
  if (increaseHeader === undefined && bankHeader === undefined) return WebhookResponses.error('missing hmac');
  if (integration.webhookSecret === '') return WebhookResponses.error('webhook secret not configured');
  if (increaseHeader !== undefined) return verifyIncreaseSignature(increaseHeader, request.rawBody, integration.webhookSecret, now);
  return verifyBankSignature(bankHeader!, request.rawBody, integration.webhookSecret);
}

/**
 * A body is the bare account, or an event wrapper `{event_id, event, created_at, data: <account>}`.
 * Resources whose id does not name an account are ignored (202, no row).
 */
export function increaseAccountResources(request: WebhookRequest): ResourceAndEvent[] | null {
  const body = request.body;
  if (!isJsonObject(body)) throw new ResourceShapeError('an Increase webhook body must be a JSON object');
  const isEvent = 'event' in body && 'event_id' in body;
  const resource = isEvent ? body['data'] : body;
  if (!isJsonObject(resource)) throw new ResourceShapeError("an Increase event must carry the account object in 'data'");
  const id = resource['id'];
  if (typeof id !== 'string' || !id.includes('account')) return null;
  return [{ resource, event: isEvent ? body : null }];
}
