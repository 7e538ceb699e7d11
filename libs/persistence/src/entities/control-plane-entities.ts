import { BackfillJobServiceIntegrationLockEntity } from './backfill-job-service-integration-lock.entity';
import { BackfillJobEntity } from './backfill-job.entity';
import { IdempotencyEntity } from './idempotency.entity';
import { LoggedWebhookEntity } from './logged-webhook.entity';
import { OrganizationEntity } from './organization.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { ServiceIntegrationEntity } from './service-integration.entity';
import { TokenEntity } from './token.entity';

/** Every control-plane entity, registered with the data source. */
export const CONTROL_PLANE_ENTITIES = [
  OrganizationEntity,
  TokenEntity,
  ServiceIntegrationEntity,
  BackfillJobEntity,
  BackfillJobServiceIntegrationLockEntity,
  IdempotencyEntity,
  LoggedWebhookEntity,
  OutboxMessageEntity,
];
