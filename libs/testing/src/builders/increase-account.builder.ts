import { randomBytes } from 'node:crypto';
import { JsonObject } from '@whdb/core';

let sequence = 0;

/** An Increase account as the API returns it (docs/replicators/increase_account_v1.md#provider-api), with the fields the guide's schema reads. */
export function buildIncreaseAccount(overrides: JsonObject = {}): JsonObject {
  sequence += 1;
  return {
    id: `account_${randomBytes(10).toString('hex')}`,
    balance: 100 * sequence,
    bank: 'first_internet_bank',
    created_at: '2020-01-31T23:59:59Z',
    currency: 'USD',
    entity_id: `entity_${randomBytes(6).toString('hex')}`,
    interest_accrued: '0.01',
    interest_accrued_at: '2020-01-31',
    name: `Account ${sequence}`,
    status: 'open',
    type: 'account',
    ...overrides,
  };
}

/** The guide's event wrapper `{event_id, event, created_at, data}`. */
export function buildIncreaseAccountEvent(account: JsonObject, createdAt: string, event = 'updated'): JsonObject {
  return { event_id: `account_event_${randomBytes(6).toString('hex')}`, event, created_at: createdAt, data: account };
}
