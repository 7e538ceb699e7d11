import { defineDescriptor } from '@whdb/core';

/**
 * SignalWire Messages (`signalwire_message_v1`): what the replicator is called and what it can do.
 * Built from the generator's template; docs/adding-a-replicator.md walks through every file.
 * TODO(provider): check the names analysts see in setup prompts, and link the provider's API reference.
 */
export const signalwireMessageV1Descriptor = defineDescriptor({
  name: 'signalwire_message_v1',
  resourceNameSingular: 'SignalWire Message',
  resourceNamePlural: 'SignalWire Messages',
  supportsWebhooks: true,
  supportsBackfill: true,
  apiDocsUrl: 'https://docs.signalwire.example/api',
});

/** TODO(provider): the production API root, used when the integration's API url is left blank. */
export const SIGNALWIRE_MESSAGE_V1_DEFAULT_API_URL = 'https://api.signalwire.example/v1';
/** TODO(provider): the sandbox/test-mode API root, if the provider has one (shown in the setup prompt). */
export const SIGNALWIRE_MESSAGE_V1_SANDBOX_API_URL = 'https://sandbox.signalwire.example/v1';
