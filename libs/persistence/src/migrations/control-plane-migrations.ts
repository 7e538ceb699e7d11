import { ControlPlaneSchema1763870000000 } from './control-plane-schema.migration';
import { OutboxBatches1764700000000 } from './outbox-batches.migration';
import { BackfillJobsProgress1764800000000 } from './backfill-jobs-progress.migration';
import { OperatorTools1764830000000 } from './operator-tools.migration';
import { OutboundSender1764850000000 } from './outbound-sender.migration';
import { ChannelCommands1764860000000 } from './channel-commands.migration';
import { SetupGrants1764900000000 } from './setup-grants.migration';
import { IntegrationHistory1764960000000 } from './integration-history.migration';

/** Every migration, oldest first. Never edit a released migration: add a new one. */
export const CONTROL_PLANE_MIGRATIONS = [
  ControlPlaneSchema1763870000000,
  OutboxBatches1764700000000,
  BackfillJobsProgress1764800000000,
  OperatorTools1764830000000,
  OutboundSender1764850000000,
  ChannelCommands1764860000000,
  SetupGrants1764900000000,
  IntegrationHistory1764960000000,
];
