export { frontSignalwireMessageChannelAppV1Replicator } from './front-signalwire-message-channel-app-v1.replicator';
export { frontSignalwireMessageChannelAppV1Descriptor, FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_DEFAULT_API_URL, FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_SANDBOX_API_URL } from './descriptor';
export { frontSignalwireMessageChannelAppV1Schema } from './schema';
export { FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_SIGNATURE_HEADER } from './webhook';
