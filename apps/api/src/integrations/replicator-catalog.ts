import { Replicator } from '@whdb/core';
import { findReplicator, replicatorNames } from '@whdb/replicators';

/**
 * The replicators the api knows: every registered one (`libs/replicators/registry`), plus any the
 * api was started with (tests add made-up replicators, e.g. one with a dependency).
 */
export class ReplicatorCatalog {
  private readonly extra: ReadonlyMap<string, Replicator>;

  constructor(extra: readonly Replicator[] = []) {
    this.extra = new Map(extra.map((replicator) => [replicator.descriptor.name, replicator]));
  }

  find(serviceName: string): Replicator | undefined {
    return findReplicator(serviceName) ?? this.extra.get(serviceName);
  }

  names(): string[] {
    return [...new Set([...replicatorNames(), ...this.extra.keys()])].sort();
  }
}

/** The registered replicators only (what production runs). */
export const REGISTERED_REPLICATORS = new ReplicatorCatalog();
