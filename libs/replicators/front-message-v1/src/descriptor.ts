import { defineDescriptor } from '@whdb/core';

/**
 * Front Messages (`front_message_v1`, docs/replicators/front_message_v1.md): messages from Front
 * application events, delivered to `/v1/install/front/webhook` and routed to the integration of
 * the company that emitted them. Webhooks only.
 */
export const frontMessageV1Descriptor = defineDescriptor({
  name: 'front_message_v1',
  resourceNameSingular: 'Front Message',
  resourceNamePlural: 'Front Messages',
  supportsWebhooks: true,
  supportsBackfill: false,
  apiDocsUrl: 'https://dev.frontapp.com/docs/application-webhooks',
});

/** Where Front application events arrive (docs/replicators/front_message_v1.md#routing). */
export const FRONT_APP_WEBHOOK_PATH = '/v1/install/front/webhook';
