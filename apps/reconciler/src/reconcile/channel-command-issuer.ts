import { Logger, OutboundCommand } from '@whdb/core';
import { ChannelCommandLedger, ChannelCommandState } from '@whdb/persistence';
import { ImportDecision, SendDecision } from '../decisions/decide-channel-row';
import { CommandMeta, importCommand, sendSmsCommand } from '../decisions/outbound-commands.factory';
import { ChannelIntegration } from './channel-directory';
import { ChannelPublisher } from './channel-publisher';
import { ReconcilerMetrics } from './reconciler-metrics';
import { nextAttemptAt, RetryPolicy } from './retry-policy';

export type WorkDecision = ImportDecision | SendDecision;

export interface ChannelCommandIssuerDependencies {
  readonly ledger: Pick<ChannelCommandLedger, 'issueOnce' | 'reissue'>;
  readonly publisher: Pick<ChannelPublisher, 'command'>;
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
  constructor(private readonly deps: ChannelCommandIssuerDependencies) {}

  /** True when the command went out now. */
  async issueFirst(channel: ChannelIntegration, decision: WorkDecision, correlationId: string, now: Date): Promise<boolean> {
    const command = this.command(channel, decision, { correlationId, attempt: 1, now });
    if (!command) return false;
    const issued = await this.deps.ledger.issueOnce(channel.settings.opaqueId, decision.externalId, command.type, nextAttemptAt(this.deps.retry, 1, now), () => this.deps.publisher.command(command));
    if (issued) this.deps.metrics.commandIssued(command.type, 'first');
    return issued;
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
