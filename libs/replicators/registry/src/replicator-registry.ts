import { Replicator } from '@whdb/core';
import { increaseAccountV1Replicator } from '@whdb/replicator-increase-account-v1';

/** Every replicator we ship. Adding one is one line here (plus its folder and k8s overlay). */
export const REPLICATORS: readonly Replicator[] = [increaseAccountV1Replicator];

const BY_NAME = new Map(REPLICATORS.map((replicator) => [replicator.descriptor.name, replicator]));

export function findReplicator(serviceName: string): Replicator | undefined {
  return BY_NAME.get(serviceName);
}

export function replicatorNames(): string[] {
  return [...BY_NAME.keys()].sort();
}
