export { signalwireMessageV1Replicator } from './signalwire-message-v1.replicator';
export { signalwireMessageV1Descriptor, SIGNALWIRE_MESSAGE_V1_DEFAULT_API_URL, SIGNALWIRE_MESSAGE_V1_SANDBOX_API_URL } from './descriptor';
export { signalwireMessageV1Schema } from './schema';
export { SIGNALWIRE_MESSAGE_V1_SIGNATURE_HEADER } from './webhook';
