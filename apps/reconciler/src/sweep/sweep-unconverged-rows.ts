import { randomUUID } from 'node:crypto';
import { isAppError, Logger } from '@whdb/core';
import { ChannelCommandLedger, ChannelTableReader } from '@whdb/persistence';
import { OrgAlertRaiser } from '@whdb/service-kit';
import { decideChannelRow } from '../decisions/decide-channel-row';
import { ChannelCommandIssuer, WorkDecision } from '../reconcile/channel-command-issuer';
import { ChannelDirectory, ChannelIntegration } from '../reconcile/channel-directory';
import { ChannelPublisher } from '../reconcile/channel-publisher';
import { ReconcilerMetrics } from '../reconcile/reconciler-metrics';
import { RetryPolicy } from '../reconcile/retry-policy';

/** Rows looked at per channel and sweep (oldest first); the rest wait for the next sweep. */
export const SWEEP_PAGE_SIZE = 500;

export interface SweepDependencies {
  readonly directory: Pick<ChannelDirectory, 'allOpaqueIds' | 'channel'>;
  readonly tables: Pick<ChannelTableReader, 'listUnconverged'>;
  readonly ledger: Pick<ChannelCommandLedger, 'states' | 'markAlerted' | 'whileSweepLocked'>;
  readonly issuer: ChannelCommandIssuer;
  readonly publisher: Pick<ChannelPublisher, 'channelResource'>;
  readonly alerts: OrgAlertRaiser;
  readonly retry: RetryPolicy;
  readonly metrics: ReconcilerMetrics;
  readonly logger: Logger;
  readonly cutoffSeconds: number;
}

export interface SweepResult {
  readonly unconverged: number;
  readonly issued: number;
  readonly reissued: number;
  readonly skipped: number;
  readonly alerted: number;
}

/**
 * One sweep (docs/behaviour/channel.md#sweep): every channel's rows with an id missing (SPEC
 * 15.5's page) are decided again. A row too old is completed as skipped; a row whose command was
 * never issued (a missed change, an import waiting for authorization) gets it now; a row whose
 * command is due for a retry (exponential backoff, capped by `WHDB_RETRY_BACKOFF_MAX_SECONDS`) is
 * re-issued with the next attempt number, until the retry cap, when the organization is alerted
 * once and the row is left alone. Replicas take turns (advisory lock): null when another sweeps.
 */
export async function sweepUnconvergedRows(deps: SweepDependencies, now: Date): Promise<SweepResult | null> {
  return deps.ledger.whileSweepLocked(async () => {
    const total = { unconverged: 0, issued: 0, reissued: 0, skipped: 0, alerted: 0 };
    for (const opaqueId of await deps.directory.allOpaqueIds()) {
      try {
        const channel = await deps.directory.channel(opaqueId);
        if (!channel) continue;
        const result = await sweepChannel(deps, channel, now);
        for (const key of Object.keys(total) as (keyof SweepResult)[]) total[key] += result[key];
      } catch (error) {
        // One channel that cannot be swept (unreadable settings, a dropped schema) must not stop the others.
        if (!isAppError(error) || error.retriable) throw error;
        deps.logger.warn('could not sweep a channel; skipping it', { opaque_id: opaqueId, error });
      }
    }
    return total;
  });
}

async function sweepChannel(deps: SweepDependencies, channel: ChannelIntegration, now: Date): Promise<SweepResult> {
  const rows = await deps.tables.listUnconverged(channel.table, SWEEP_PAGE_SIZE);
  const result = { unconverged: rows.length, issued: 0, reissued: 0, skipped: 0, alerted: 0 };
  const decisions = rows.map((row) => decideChannelRow(row, { now, cutoffSeconds: deps.cutoffSeconds }));
  const work = decisions.filter((d): d is WorkDecision => d.kind === 'import' || d.kind === 'send');
  const states = await deps.ledger.states(channel.settings.opaqueId, work.map((d) => d.externalId));
  for (const decision of decisions) {
    const correlationId = randomUUID();
    if (decision.kind === 'skip') {
      await deps.publisher.channelResource(channel.target, decision.row, correlationId, now);
      deps.metrics.channelRowPublished('skipped_due_to_age');
      result.skipped += 1;
      continue;
    }
    if (decision.kind !== 'import' && decision.kind !== 'send') continue;
    const state = states.get(decision.externalId);
    if (!state) {
      if ((await deps.issuer.issueFirst(channel, decision, correlationId, now)) === 'issued') result.issued += 1;
      continue;
    }
    if (state.alertedAt !== null || state.nextAttemptAt.getTime() > now.getTime()) continue;
    if (state.attempts >= deps.retry.maxAttempts) {
      if (await deps.ledger.markAlerted(channel.settings.opaqueId, decision.externalId)) {
        await raiseGiveUpAlert(deps, channel, decision, state.attempts);
        result.alerted += 1;
      }
      continue;
    }
    if (await deps.issuer.reissue(channel, decision, state, correlationId, now)) result.reissued += 1;
  }
  return result;
}

async function raiseGiveUpAlert(deps: SweepDependencies, channel: ChannelIntegration, decision: WorkDecision, attempts: number): Promise<void> {
  const what = decision.kind === 'send' ? `the SMS to ${decision.to}` : `the import into Front of SMS ${decision.signalwireSid}`;
  deps.metrics.alertRaised();
  await deps.alerts.raise(channel.settings.organizationId, {
    template: decision.kind === 'send' ? 'errors/front_signalwire_channel_send_sms' : 'errors/front_signalwire_channel_import',
    service_integration: { opaque_id: channel.settings.opaqueId, service_name: channel.settings.serviceName, table_name: channel.settings.tableName },
    message: `WebhookDB gave up on ${what} after ${attempts} attempts. Check the SignalWire and Front settings of this channel, then fix the row or send the message again.`,
    details: { external_id: decision.externalId, attempts },
  });
}
