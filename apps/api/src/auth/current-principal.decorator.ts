import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AppError } from '@whdb/core';
import { AuthenticatedRequest, Principal } from './principal';

/** The caller resolved by `BearerAuthGuard`. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new AppError('unauthenticated', 'Not authenticated');
  return principal;
});
