import { DynamicModule, Provider, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AnalystAccessController } from './analyst-access/analyst-access.controller';
import { analystAccessProviders } from './analyst-access/analyst-access.providers';
import { ApiConfig } from './api.config';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { deadLettersProviders } from './dead-letters/dead-letters.providers';
import { EncryptionController } from './encryption/encryption.controller';
import { encryptionProviders } from './encryption/encryption.providers';
import { LoggedWebhooksController } from './logged-webhooks/logged-webhooks.controller';
import { loggedWebhooksProviders } from './logged-webhooks/logged-webhooks.providers';
import { OpenApiController } from './openapi/openapi.controller';

/**
 * The operator tools of the api, registered by `ApiModule` in one block: analyst credentials
 * (docs/behaviour/analyst-access.md), the webhook audit log and replay (docs/behaviour/audit-log.md),
 * dead letters (docs/behaviour/dead-letters.md), the OpenAPI document (docs/api.md#openapi), the
 * encryption key's rotation (docs/runbooks/rotate-a-secret.md#the-encryption-key).
 */
export const operatorToolsControllers: Type[] = [AnalystAccessController, LoggedWebhooksController, DeadLettersController, EncryptionController, OpenApiController];

export function operatorToolsProviders(config: ApiConfig): Provider[] {
  return [...analystAccessProviders(config), ...loggedWebhooksProviders, ...deadLettersProviders, ...encryptionProviders];
}

/**
 * Kafka for replays and redrives. The api stays ready while Kafka is away (its other endpoints do
 * not need it); a replay or redrive then fails with 503.
 */
export function operatorToolsImports(): (DynamicModule | Type)[] {
  return [DiscoveryModule];
}
