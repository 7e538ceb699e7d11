import { Logger, OutboundCommand } from '@whdb/core';
import { OutgoingMessage } from '@whdb/kafka';
import { ChannelCommandLedger, ChannelCommandState } from '@whdb/persistence';
import { ImportDecision, SendDecision } from '../decisions/decide-channel-row';
import { CommandMeta, importCommand, sendSmsCommand } from '../decisions/outbound-commands.factory';
import { ChannelIntegration } from './channel-directory';
import { ChannelPublisher, commandMessage } from './channel-publisher';
import { ReconcilerMetrics } from './reconciler-metrics';
import { RecentKeys } from './recent-keys';
import { nextAttemptAt, RetryPolicy } from './retry-policy';

export type WorkDecision = ImportDecision | SendDecision;

/** What `issueFirst` did: issued the command now; found it issued before (the ledger has it); or waits for Front's authorization (an import). */
export type FirstIssue = 'issued' | 'issued_before' | 'waiting';

/** Rows whose first issue this process remembers (far more than are in flight at once). */
const REMEMBERED_ROWS = 20_000;

export interface ChannelCommandIssuerDependencies {
  readonly ledger: Pick<ChannelCommandLedger, 'issueOnce' | 'reissue'>;
  readonly publisher: Pick<ChannelPublisher, 'command' | 'publish'>;
  readonly retry: RetryPolicy;
  readonly metrics: ReconcilerMetrics;
  readonly logger: Logger;
}

/**
 * Issues a channel row's command (docs/behaviour/channel.md#commands): the first issue once per
 * row ever (the ledger row and the publish share a transaction), a re-issue only through the sweep
 * with the next attempt number. An import waits until Front authorized the channel (its id is
 * the import's address); the sweep issues it then.
 */
export class ChannelCommandIssuer {
  /**
   * Rows whose ledger entry this process wrote or found: the row changes that follow a first issue
   * (the SMS's own channel row coming back, a result being projected) then cost no transaction
   * (docs/performance.md#channel-latency). The ledger stays the truth; this only skips asking it
   * again what it already answered, as its entries are never removed while the channel exists.
   */
  private readonly issued = new RecentKeys(REMEMBERED_ROWS);

  constructor(private readonly deps: ChannelCommandIssuerDependencies) {}

  /**
   * The row's first command, once ever. `alongWith` (the SMS's channel row) goes out in the same
   * produce request as the command, before the ledger commits; it is not published when the
   * command was issued before (it went out with it then) nor while an import waits.
   */
  async issueFirst(channel: ChannelIntegration, decision: WorkDecision, correlationId: string, now: Date, alongWith: readonly OutgoingMessage[] = []): Promise<FirstIssue> {
    const row = `${channel.settings.opaqueId}:${decision.externalId}`;
    if (this.issued.has(row)) return 'issued_before';
    const command = this.command(channel, decision, { correlationId, attempt: 1, now });
    if (!command) return 'waiting';
    const issued = await this.deps.ledger.issueOnce(channel.settings.opaqueId, decision.externalId, command.type, nextAttemptAt(this.deps.retry, 1, now), () =>
      this.deps.publisher.publish([...alongWith, commandMessage(command)]),
    );
    this.issued.add(row);
    if (!issued) return 'issued_before';
    this.deps.metrics.commandIssued(command.type, 'first');
    return 'issued';
  }

  /** The sweep's re-issue of attempt `state.attempts + 1`; true when it went out. */
  async reissue(channel: ChannelIntegration, decision: WorkDecision, state: ChannelCommandState, correlationId: string, now: Date): Promise<boolean> {
    const attempt = state.attempts + 1;
    const command = this.command(channel, decision, { correlationId, attempt, now });
    if (!command) return false;
    const issued = await this.deps.ledger.reissue(channel.settings.opaqueId, decision.externalId, state.attempts, nextAttemptAt(this.deps.retry, attempt, now), () => this.deps.publisher.command(command));
    if (issued) {
      this.deps.metrics.commandIssued(command.type, 'retry');
      this.deps.logger.info('re-issued a command of an unconverged channel row', { opaque_id: channel.settings.opaqueId, external_id: decision.externalId, type: command.type, attempt });
    }
    return issued;
  }

  private command(channel: ChannelIntegration, decision: WorkDecision, meta: CommandMeta): OutboundCommand | null {
    if (decision.kind === 'send') return sendSmsCommand(channel.target, decision, meta);
    if (channel.target.frontChannelId === '') {
      this.deps.logger.info('import waits for Front to authorize the channel', { opaque_id: channel.settings.opaqueId, external_id: decision.externalId });
      return null;
    }
    return importCommand(channel.target, decision, meta);
  }
}
