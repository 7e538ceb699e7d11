import { Provider, Type } from '@nestjs/common';
import { AnalystAccessController } from './analyst-access/analyst-access.controller';
import { analystAccessProviders } from './analyst-access/analyst-access.providers';
import { ApiConfig } from './api.config';

/**
 * The operator tools of the api, registered by `ApiModule` in one block: analyst credentials
 * (docs/behaviour/analyst-access.md).
 */
export const operatorToolsControllers: Type[] = [AnalystAccessController];

export function operatorToolsProviders(config: ApiConfig): Provider[] {
  return [...analystAccessProviders(config)];
}
