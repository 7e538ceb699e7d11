import { parseWebhookBody, prepareRow } from '@whdb/core';
import { findReplicator } from '@whdb/replicators';
import { SignedDelivery } from './signed-account.arbitrary';

/**
 * Why a delivery the ingress acknowledged may have been lost: what the door check the ingress
 * should make (parse, `resourcesFrom`, `prepareRow`: docs/bad-input.md) says of it. Used only to
 * explain a failure; the test itself judges by what lands in Postgres.
 */
export function doorVerdict(delivery: SignedDelivery): string {
  const replicator = findReplicator('increase_account_v1')!;
  try {
    const parsed = parseWebhookBody(delivery.rawBody, delivery.headers['content-type']);
    if (!parsed.ok) return `refusable at the door: ${parsed.reason}`;
    const request = { method: 'POST', path: '/', headers: delivery.headers, rawBody: delivery.rawBody, body: parsed.body };
    for (const item of replicator.resourcesFrom(request) ?? []) prepareRow(replicator, item, new Date());
    return 'accepted by the door check too: lost further down';
  } catch (error) {
    return `refusable at the door: ${(error as Error).message}`;
  }
}
