import { Replicator } from '@whdb/core';
import { increaseAccountV1Replicator } from '@whdb/replicator-increase-account-v1';
import { signalwireMessageV1Replicator } from '@whdb/replicator-signalwire-message-v1';
import { frontMessageV1Replicator } from '@whdb/replicator-front-message-v1';
import { frontSignalwireMessageChannelAppV1Replicator } from '@whdb/replicator-front-signalwire-message-channel-app-v1';

/**
 * Every replicator we ship. `npm run new-replicator -- <service_name>` adds one here (its import
 * and a line in the list), with its folder, projector and k8s overlay: docs/adding-a-replicator.md.
 */
export const REPLICATORS: readonly Replicator[] = [
  increaseAccountV1Replicator,
  signalwireMessageV1Replicator,
  frontMessageV1Replicator,
  frontSignalwireMessageChannelAppV1Replicator,
  // new-replicator: generated replicators are added above this line.
];

const BY_NAME = new Map(REPLICATORS.map((replicator) => [replicator.descriptor.name, replicator]));

export function findReplicator(serviceName: string): Replicator | undefined {
  return BY_NAME.get(serviceName);
}

export function replicatorNames(): string[] {
  return [...BY_NAME.keys()].sort();
}
