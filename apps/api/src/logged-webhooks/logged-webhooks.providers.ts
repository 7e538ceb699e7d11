import { Provider } from '@nestjs/common';
import { SecretBox } from '@whdb/core';
import { KafkaPublisher } from '@whdb/kafka';
import { Database } from '@whdb/persistence';
import { DATABASE, KAFKA_PUBLISHER, SECRET_BOX } from '@whdb/service-kit';
import { ListLoggedWebhooksUseCase } from './list-logged-webhooks.use-case';
import { ReplayLoggedWebhooksUseCase } from './replay-logged-webhooks.use-case';

/** The use cases of `LoggedWebhooksController`. */
export const loggedWebhooksProviders: Provider[] = [
  { provide: ListLoggedWebhooksUseCase, inject: [DATABASE, SECRET_BOX], useFactory: (db: Database, box: SecretBox) => new ListLoggedWebhooksUseCase(db, box) },
  {
    provide: ReplayLoggedWebhooksUseCase,
    inject: [DATABASE, SECRET_BOX, KAFKA_PUBLISHER],
    useFactory: (db: Database, box: SecretBox, publisher: KafkaPublisher) => new ReplayLoggedWebhooksUseCase(db, box, publisher),
  },
];
