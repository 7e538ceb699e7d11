import { defineDescriptor } from '@whdb/core';

/**
 * Front SignalWire Front/SignalWire Message Channels (`front_signalwire_message_channel_app_v1`): what the replicator is called and what it can do.
 * Built from the generator's template; docs/adding-a-replicator.md walks through every file.
 * TODO(provider): check the names analysts see in setup prompts, and link the provider's API reference.
 */
export const frontSignalwireMessageChannelAppV1Descriptor = defineDescriptor({
  name: 'front_signalwire_message_channel_app_v1',
  resourceNameSingular: 'Front SignalWire Message Channel App',
  resourceNamePlural: 'Front SignalWire Front/SignalWire Message Channels',
  supportsWebhooks: true,
  supportsBackfill: true,
  apiDocsUrl: 'https://docs.front.example/api',
});

/** TODO(provider): the production API root, used when the integration's API url is left blank. */
export const FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_DEFAULT_API_URL = 'https://api.front.example/v1';
/** TODO(provider): the sandbox/test-mode API root, if the provider has one (shown in the setup prompt). */
export const FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_SANDBOX_API_URL = 'https://sandbox.front.example/v1';
