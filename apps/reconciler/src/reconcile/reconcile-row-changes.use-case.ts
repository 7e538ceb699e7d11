import { randomUUID } from 'node:crypto';
import { decodeRowChangeEvent, JsonObject, Logger, RowChangeEvent, Topics } from '@whdb/core';
import { ConsumedMessage, inMessageSpan } from '@whdb/kafka';
import { ChannelTableReader, IdempotencyStore } from '@whdb/persistence';
import { BatchHandler, ConsumedBatch, forEachKeyInOrder } from '@whdb/service-kit';
import { decideChannelRow, DecisionClock } from '../decisions/decide-channel-row';
import { decideSignalwireRow, FailureNotice, SmsMirror } from '../decisions/decide-signalwire-row';
import { failureNoticeCommand, failureNoticeKey } from '../decisions/outbound-commands.factory';
import { CHANNEL_SERVICE, ChannelDirectory, ChannelIntegration } from './channel-directory';
import { ChannelCommandIssuer } from './channel-command-issuer';
import { ChannelPublisher, channelResourceMessage } from './channel-publisher';
import { ReconcilerMetrics } from './reconciler-metrics';

export const SIGNALWIRE_SERVICE = 'signalwire_message_v1';

export interface ReconcileRowChangesDependencies {
  readonly directory: ChannelDirectory;
  readonly tables: Pick<ChannelTableReader, 'hasSignalwireSid' | 'hasPendingSendTo'>;
  readonly onceEver: Pick<IdempotencyStore, 'runOnce'>;
  readonly issuer: ChannelCommandIssuer;
  readonly publisher: Pick<ChannelPublisher, 'channelResource' | 'command' | 'publish'>;
  readonly metrics: ReconcilerMetrics;
  readonly logger: Logger;
  /** `FRONT_CHANNEL_SYNC_CUTOFF_SECONDS`. */
  readonly cutoffSeconds: number;
  readonly clock?: () => Date;
}

/**
 * The reconciler's use case (docs/behaviour/channel.md#flows), group `whdb.reconciler`:
 * - `whdb.rows.signalwire_message_v1`: SPEC 15.4 for every channel depending on the SMS's
 *   integration: the failure notice once per sid ever, a channel row for an inbound SMS to support
 *   or an outbound-api SMS from support (never for the channel's own sends), with its import;
 * - `whdb.rows.front_signalwire_message_channel_app_v1`: SPEC 15.5's decision for the row: import,
 *   send, skip (older than the cutoff) or nothing (converged).
 * It writes no replicator table: rows go back through the channel's inbound topic. Every command
 * goes out once per row however often a change is delivered (the ledger, the idempotency store).
 */
export class ReconcileRowChangesUseCase implements BatchHandler {
  private readonly signalwireRows = Topics.rows(SIGNALWIRE_SERVICE);
  private readonly channelRows = Topics.rows(CHANNEL_SERVICE);

  constructor(private readonly deps: ReconcileRowChangesDependencies) {}

  /**
   * A row's changes (one key) in order, different rows side by side: each change costs a few
   * Postgres and Kafka round trips, and rows waiting for each other's was the channel's queue
   * (docs/performance.md#channel-latency).
   */
  async handleBatch(batch: ConsumedBatch): Promise<void> {
    await forEachKeyInOrder(batch.messages, (message) => inMessageSpan(message, `reconcile ${batch.topic}`, {}, () => this.onMessage(batch.topic, message)));
  }

  /** One row change, in a span of its webhook's trace (docs/operations.md#tracing): the commands it publishes continue that trace. */
  private async onMessage(topic: string, message: ConsumedMessage): Promise<void> {
    // A tombstone follows a delete; a delete (`d`) leaves nothing to converge (docs/topics.md#row-change-envelope).
    if (message.value === null) return;
    const event = decodeRowChangeEvent(message.json<unknown>());
    if (event.op === 'd' || event.after === null) return;
    const correlationId = message.metadata.correlationId ?? randomUUID();
    if (topic === this.signalwireRows) await this.onSignalwireRow(event, event.after, correlationId);
    else if (topic === this.channelRows) await this.onChannelRow(event, event.after, correlationId);
  }

  private now(): Date {
    return this.deps.clock ? this.deps.clock() : new Date();
  }

  private clock(): DecisionClock {
    return { now: this.now(), cutoffSeconds: this.deps.cutoffSeconds };
  }

  private async onSignalwireRow(event: RowChangeEvent, after: JsonObject, correlationId: string): Promise<void> {
    for (const channel of await this.deps.directory.dependentsOf(event.source.opaque_id)) {
      if (channel.supportNumber === '') continue;
      const decision = decideSignalwireRow(after, channel.supportNumber, this.now());
      if (decision.notice) await this.announceFailure(channel, decision.notice, correlationId);
      if (decision.mirror) await this.mirror(channel, decision.mirror, correlationId);
    }
  }

  /** SPEC 15.4 step 1: under `fsmca-swfail-<sid>`, once ever, stored: a redelivery or a restart never re-issues it. */
  private async announceFailure(channel: ChannelIntegration, notice: FailureNotice, correlationId: string): Promise<void> {
    if (channel.target.frontChannelId === '') {
      this.deps.logger.info('failure notice not sent: Front has not authorized the channel', { opaque_id: channel.settings.opaqueId, sid: notice.sid });
      return;
    }
    const outcome = await this.deps.onceEver.runOnce(failureNoticeKey(notice.sid), async () => {
      const command = failureNoticeCommand(channel.target, notice, { correlationId, attempt: 1, now: this.now() });
      await this.deps.publisher.command(command);
      return { command_id: command.id, channel: channel.settings.opaqueId };
    });
    if (outcome.ran) this.deps.metrics.commandIssued('front.import_message', 'first');
  }

  /** SPEC 15.4 steps 2-4: a channel row for the SMS, completed at once when too old, else imported. */
  private async mirror(channel: ChannelIntegration, mirror: SmsMirror, correlationId: string): Promise<void> {
    if (await this.deps.tables.hasSignalwireSid(channel.table, mirror.sid)) return this.deps.metrics.echoSuppressed();
    if (mirror.direction === 'outbound' && (await this.deps.tables.hasPendingSendTo(channel.table, mirror.customer))) {
      // Possibly the channel's own reply, sent but not yet recorded: a later change of the SMS decides again.
      this.deps.logger.info('outbound SMS not mirrored while a reply to that customer is being sent', { opaque_id: channel.settings.opaqueId, sid: mirror.sid });
      return this.deps.metrics.echoSuppressed();
    }
    const clock = this.clock();
    const decision = decideChannelRow(mirror.resource, clock);
    if (decision.kind === 'skip') {
      await this.deps.publisher.channelResource(channel.target, decision.row, correlationId, clock.now);
      return this.deps.metrics.channelRowPublished('skipped_due_to_age');
    }
    // The import goes out now rather than after the row's own change comes back (one hop less),
    // in the same produce request as the row; the ledger makes that later change a no-op. Same
    // key, same partition: the row lands first.
    const row = channelResourceMessage(channel.target, mirror.resource, correlationId, clock.now);
    const issue = decision.kind === 'import' ? await this.deps.issuer.issueFirst(channel, decision, correlationId, clock.now, [row]) : 'waiting';
    // Issued before: the row went out with the command then. Waiting for Front: the row alone now.
    if (issue === 'waiting') await this.deps.publisher.publish([row]);
    if (issue !== 'issued_before') this.deps.metrics.channelRowPublished('sms');
  }

  private async onChannelRow(event: RowChangeEvent, after: JsonObject, correlationId: string): Promise<void> {
    const channel = await this.deps.directory.channel(event.source.opaque_id);
    if (!channel) return;
    const clock = this.clock();
    const decision = decideChannelRow(after, clock);
    switch (decision.kind) {
      case 'converged':
        return;
      case 'invalid':
        this.deps.logger.warn('channel row cannot be converged', { opaque_id: channel.settings.opaqueId, reason: decision.reason });
        return;
      case 'skip':
        await this.deps.publisher.channelResource(channel.target, decision.row, correlationId, clock.now);
        return this.deps.metrics.channelRowPublished('skipped_due_to_age');
      case 'import':
      case 'send':
        await this.deps.issuer.issueFirst(channel, decision, correlationId, clock.now);
        return;
    }
  }
}
