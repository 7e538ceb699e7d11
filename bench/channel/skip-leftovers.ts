import { ConsumerGroups, silentLogger, Topics } from '@whdb/core';
import { ConsumerLag, parseBrokers, positionGroupAtEnd } from '@whdb/kafka';

/** Every consumer group of the channel stack and the topics it reads (docs/behaviour/channel.md#flows). */
export function channelGroups(channelService: string): ReadonlyArray<{ readonly group: string; readonly topics: readonly string[] }> {
  return [
    { group: ConsumerGroups.projector('signalwire_message_v1'), topics: [Topics.inbound('signalwire_message_v1')] },
    { group: ConsumerGroups.projector(channelService), topics: [Topics.inbound(channelService)] },
    { group: ConsumerGroups.reconciler, topics: [Topics.rows('signalwire_message_v1'), Topics.rows(channelService)] },
    { group: ConsumerGroups.outboundSender, topics: [Topics.commandsOutbound] },
  ];
}

/**
 * Moves the channel stack's consumer groups to the end of their topics before the stack starts,
 * and says how much was skipped. What other runs, benches and tests left on a shared broker belongs
 * to other stacks (other encryption keys, dropped schemas, fakes long gone): e.g. a
 * `bench:backfill` run leaves 100,000 SignalWire row changes the reconciler has never read, and
 * working through them inside this run's window is not the channel's latency.
 */
export async function skipLeftovers(brokers: string, channelService: string): Promise<string[]> {
  const groups = channelGroups(channelService);
  const lag = await ConsumerLag.connect(brokers);
  let before: Map<string, number>;
  try {
    before = await lag.perGroup();
  } finally {
    await lag.close();
  }
  const settings = { brokers: parseBrokers(brokers), clientId: 'whdb-bench' };
  for (const { group, topics } of groups) {
    for (const topic of topics) await positionGroupAtEnd(settings, silentLogger, group, topic);
  }
  return groups.filter(({ group }) => (before.get(group) ?? 0) > 0).map(({ group }) => `${group} ${before.get(group)}`);
}
