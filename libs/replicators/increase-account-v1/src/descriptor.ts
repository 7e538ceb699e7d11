import { defineDescriptor } from '@whdb/core';

/**
 * Increase Accounts, built as WebhookDB's "Build a Replicator" guide describes
 * (docs/replicators/increase_account_v1.md).
 */
export const increaseAccountV1Descriptor = defineDescriptor({
  name: 'increase_account_v1',
  resourceNameSingular: 'Increase Account',
  resourceNamePlural: 'Increase Accounts',
  supportsWebhooks: true,
  supportsBackfill: true,
  apiDocsUrl: 'https://increase.com/documentation/api',
});

export const INCREASE_DEFAULT_API_URL = 'https://api.increase.com';
export const INCREASE_SANDBOX_API_URL = 'https://sandbox.increase.com';
