import { Provider } from '@nestjs/common';
import { Logger } from '@whdb/core';
import { KafkaPublisher, KafkaSettings } from '@whdb/kafka';
import { Database, IdempotencyStore } from '@whdb/persistence';
import { LOGGER } from '@whdb/platform';
import { DATABASE, KAFKA_PUBLISHER, KAFKA_SETTINGS } from '@whdb/service-kit';
import { ListDeadLettersUseCase } from './list-dead-letters.use-case';
import { RedriveDeadLettersUseCase } from './redrive-dead-letters.use-case';

/** The use cases of `DeadLettersController`. */
export const deadLettersProviders: Provider[] = [
  {
    provide: ListDeadLettersUseCase,
    inject: [KAFKA_SETTINGS, LOGGER, DATABASE],
    useFactory: (settings: KafkaSettings, logger: Logger, db: Database) => new ListDeadLettersUseCase(settings, logger.child({ component: 'dead-letters' }), new IdempotencyStore(db)),
  },
  {
    provide: RedriveDeadLettersUseCase,
    inject: [KAFKA_SETTINGS, LOGGER, KAFKA_PUBLISHER, DATABASE],
    useFactory: (settings: KafkaSettings, logger: Logger, publisher: KafkaPublisher, db: Database) =>
      new RedriveDeadLettersUseCase(settings, logger.child({ component: 'dead-letters' }), publisher, new IdempotencyStore(db)),
  },
];
