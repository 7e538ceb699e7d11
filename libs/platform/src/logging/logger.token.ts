import { Inject } from '@nestjs/common';

/** DI token of the service's core `Logger` (provided globally by the platform bootstrap). */
export const LOGGER = 'WHDB_LOGGER';

/** `constructor(@InjectLogger() private readonly logger: Logger)` */
export function InjectLogger(): ParameterDecorator {
  return Inject(LOGGER);
}
