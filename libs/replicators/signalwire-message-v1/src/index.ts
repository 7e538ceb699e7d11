export { signalwireMessageV1Replicator } from './signalwire-message-v1.replicator';
export { signalwireMessageV1Descriptor } from './descriptor';
export { signalwireMessageV1Schema } from './schema';
export { fetchSignalwireMessagePage, signalwireHeaders, signalwireMessagesPath, SIGNALWIRE_PAGE_SIZE } from './backfill';
export { normalizeSignalwireSpace } from './state-machine';
