export { frontSignalwireMessageChannelAppV1Replicator } from './front-signalwire-message-channel-app-v1.replicator';
export { frontSignalwireMessageChannelAppV1Descriptor, FRONT_SIGNALWIRE_CHANNEL_PATH } from './descriptor';
export { frontSignalwireMessageChannelAppV1Schema, SKIPPED_DUE_TO_AGE, SMS_SKIPPED_BY_ALLOWLIST } from './schema';
export {
  CHANNEL_EVENT_TYPES,
  CHANNEL_SUPPORT_NUMBER_HEADER,
  channelMessageAnswer,
  channelMessageResources,
  isChannelMessageType,
  parseChannelEvent,
} from './channel-event';
export type { ChannelEvent, ChannelEventType, ChannelMessageType } from './channel-event';
export { verifyChannelSignature } from './webhook';
