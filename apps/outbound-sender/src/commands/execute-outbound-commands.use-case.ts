import { assertNever, Logger, OutboundCommand } from '@whdb/core';
import { inMessageSpan } from '@whdb/kafka';
import { BatchHandler, ConsumedBatch } from '@whdb/service-kit';
import { FrontImportExecutor } from '../front/front-import.executor';
import { DeliveryResultPublisher } from '../results/delivery-result-publisher';
import { SendSmsExecutor } from '../signalwire/send-sms.executor';
import { ExecutionOutcome } from './sender-metrics';
import { parseOutboundCommand } from './parse-outbound-command';

export interface ExecuteOutboundCommandsDependencies {
  readonly sms: Pick<SendSmsExecutor, 'execute'>;
  readonly front: Pick<FrontImportExecutor, 'execute'>;
  readonly results: Pick<DeliveryResultPublisher, 'publish'>;
  readonly logger: Logger;
}

/**
 * The outbound sender's use case (docs/behaviour/outbound-sender.md): each command of
 * `whdb.commands.outbound`, in partition order, is executed once per idempotency key, then its
 * result is published as a `delivery.result` (none for a failed-send notice, which completes no
 * row, nor for a business error). The host commits the offset only after that publish: a crash
 * anywhere replays the command, and the ledger makes the replay harmless.
 */
export class ExecuteOutboundCommandsUseCase implements BatchHandler {
  constructor(private readonly deps: ExecuteOutboundCommandsDependencies) {}

  async handleBatch(batch: ConsumedBatch): Promise<void> {
    // Each command in a span of its webhook's trace (docs/operations.md#tracing): the provider call and the result's publish are its children.
    for (const message of batch.messages) {
      await inMessageSpan(message, `execute ${message.metadata.type ?? 'command'}`, {}, () => this.execute(parseOutboundCommand(message.json())));
    }
  }

  async execute(command: OutboundCommand): Promise<void> {
    let outcome: ExecutionOutcome;
    switch (command.type) {
      case 'signalwire.send_sms':
        outcome = await this.deps.sms.execute(command);
        break;
      case 'front.import_message':
        outcome = await this.deps.front.execute(command);
        break;
      default:
        return assertNever(command, 'Unknown outbound command');
    }
    if (outcome.kind === 'no_result' || command.row === null) {
      this.deps.logger.debug('outbound command done without a result to publish', { type: command.type, idempotency_key: command.idempotency_key, correlation_id: command.correlation_id });
      return;
    }
    await this.deps.results.publish(command, command.row, outcome.patch);
    this.deps.logger.info('outbound command done', { type: command.type, idempotency_key: command.idempotency_key, correlation_id: command.correlation_id, ...outcome.patch });
  }
}
