import { Admin, Kafka, logLevel } from 'kafkajs';

/**
 * Consumer lag of every consumer group (the soak bench, docs/performance.md#soak): for each partition a group has
 * committed, the topic's end offset minus the committed offset, summed per group. Throwaway
 * groups of the topic reader (`whdb.topic-reader.*`) are left out.
 */
export class ConsumerLag {
  private constructor(private readonly admin: Admin) {}

  static async connect(brokers: string): Promise<ConsumerLag> {
    const admin = new Kafka({ brokers: brokers.split(','), clientId: 'whdb-bench-soak', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    return new ConsumerLag(admin);
  }

  async perGroup(): Promise<Map<string, number>> {
    const { groups } = await this.admin.listGroups();
    const ends = new Map<string, Map<number, number>>();
    const endOf = async (topic: string): Promise<Map<number, number>> => {
      let known = ends.get(topic);
      if (!known) {
        known = new Map((await this.admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]));
        ends.set(topic, known);
      }
      return known;
    };
    const lag = new Map<string, number>();
    for (const { groupId } of groups.filter((g) => !g.groupId.startsWith('whdb.topic-reader.')).sort((a, b) => a.groupId.localeCompare(b.groupId))) {
      let total = 0;
      for (const { topic, partitions } of await this.admin.fetchOffsets({ groupId })) {
        const end = await endOf(topic);
        for (const { partition, offset } of partitions) {
          const committed = Number(offset);
          if (committed >= 0) total += Math.max(0, (end.get(partition) ?? 0) - committed);
        }
      }
      lag.set(groupId, total);
    }
    return lag;
  }

  async close(): Promise<void> {
    await this.admin.disconnect();
  }
}
