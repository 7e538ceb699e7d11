export { REPLICATORS, findReplicator, replicatorNames } from './replicator-registry';
// The channel's vocabulary the ingress and the reconciler share (docs/behaviour/channel.md): apps
// reach replicators only through the registry.
export {
  CHANNEL_SUPPORT_NUMBER_HEADER,
  channelMessageAnswer,
  channelMessageResources,
  FRONT_SIGNALWIRE_CHANNEL_PATH,
  frontSignalwireMessageChannelAppV1Replicator,
  isChannelMessageType,
  parseChannelEvent,
  SKIPPED_DUE_TO_AGE,
  SMS_SKIPPED_BY_ALLOWLIST,
  verifyChannelSignature,
} from '@whdb/replicator-front-signalwire-message-channel-app-v1';
export type { ChannelEvent, ChannelEventType, ChannelMessageType } from '@whdb/replicator-front-signalwire-message-channel-app-v1';
