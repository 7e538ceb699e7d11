import { ConsumedMessage } from '@whdb/kafka';

/**
 * Handles a batch's messages as Kafka orders them per key, and no more: the messages of one key
 * one after the other in offset order, different keys side by side (docs/performance.md#channel-latency).
 * A worker whose effects are per row (the key names the row) gets the ordering a partition gives
 * it, without waiting for every other row's round trips in between; its concurrent publishes then
 * share produce requests (the publisher's coalescing). A message without a key is its own key.
 *
 * Resolves once every key's messages are handled. If any fails, it waits for the others to settle
 * (nothing keeps running behind the consumer's back) and rejects with the first failure in offset
 * order; a key stops at its first failure. The consumer then retries or isolates the batch as for
 * any failure, so the handler must be idempotent per message, as at-least-once delivery asks anyway.
 */
export async function forEachKeyInOrder(messages: readonly ConsumedMessage[], handle: (message: ConsumedMessage) => Promise<void>): Promise<void> {
  const byKey = new Map<string | ConsumedMessage, ConsumedMessage[]>();
  for (const message of messages) {
    const group = byKey.get(message.key ?? message);
    if (group) group.push(message);
    else byKey.set(message.key ?? message, [message]);
  }
  const failures: { offset: bigint; error: unknown }[] = [];
  await Promise.all(
    [...byKey.values()].map(async (group) => {
      for (const message of group) {
        try {
          await handle(message);
        } catch (error) {
          failures.push({ offset: BigInt(message.offset), error });
          return;
        }
      }
    }),
  );
  if (failures.length > 0) throw failures.reduce((first, f) => (f.offset < first.offset ? f : first)).error;
}
